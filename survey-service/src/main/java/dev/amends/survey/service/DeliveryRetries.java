package dev.amends.survey.service;

import dev.amends.survey.config.SurveyConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * When a mail that failed for a passing reason is tried again, and when delivery gives up: the
 * pause doubles from the first one up to the longest, and the run of failures ends undeliverable
 * once it has lasted the give-up period.
 */
public record DeliveryRetries(Duration firstPause, Duration longestPause, Duration giveUpAfter) {

    public static DeliveryRetries of(SurveyConfig.Mail mail) {
        return new DeliveryRetries(mail.firstRetryAfter(), mail.longestRetryPause(), mail.giveUpAfter());
    }

    /** The next try after the {@code failures}-th failure in a row (counted from 1). */
    public Instant nextTry(int failures, Instant now) {
        Duration pause = firstPause;
        for (int i = 1; i < failures && pause.compareTo(longestPause) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return now.plus(pause.compareTo(longestPause) > 0 ? longestPause : pause);
    }

    /** Whether failures since {@code failingSince} have lasted long enough to give up. */
    public boolean givesUp(Instant failingSince, Instant now) {
        return !now.isBefore(failingSince.plus(giveUpAfter));
    }
}

package dev.amends.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "amends.survey")
public interface SurveyConfig {

    /** How long after a resolution its invitation goes out. */
    @WithDefault("PT1H")
    Duration invitationDelay();

    /** At most one invitation per customerRef in this period (a later attempt of an invited case excepted). */
    @WithDefault("P30D")
    Duration throttlePeriod();

    /** An unanswered invitation is reminded once, this long after it was sent. */
    @WithDefault("P3D")
    Duration reminderAfter();

    /** The link expires this long after the invitation was sent. */
    @WithDefault("P14D")
    Duration linkValidFor();

    /** Where customers reach this service: links are {publicBaseUrl}/s/{token}. */
    String publicBaseUrl();

    /** The secret survey links are derived from (at least 32 characters); the database holds only their hashes. */
    String tokenSecret();

    Mail mail();

    Timers timers();

    Rollup rollup();

    Interview interview();

    Retention retention();

    /** The retention report (contract section 9). */
    interface Retention {
        /**
         * A customer counts as observed once their resolution is this old, and as lapsed when a
         * lapse came within this long after it.
         */
        @WithDefault("P180D")
        Duration observation();
    }

    /** Exit interviews of lapsed customers (contract section 9); the link is valid as long as a survey's. */
    interface Interview {
        /** A lapsed customer is interviewed if an incident of theirs was reported this long before the lapse. */
        @WithDefault("P180D")
        Duration window();

        /** How long after the lapse is read the interview is decided, so the incidents that qualify it have arrived. */
        @WithDefault("PT1H")
        Duration settleDelay();

        /** At most one interview per customer in this period. */
        @WithDefault("P365D")
        Duration oncePer();
    }

    interface Mail {
        /** {@code smtp} sends through quarkus.mailer.*; {@code log} (no SMTP server, local stack) writes the link to the log. */
        @WithDefault("smtp")
        Delivery delivery();

        /** A mail failing for a passing reason (no connection, a 4xx answer, intake away) ends undeliverable after this. */
        @WithDefault("P2D")
        Duration giveUpAfter();

        /** The pause after the first failure; it doubles with each further one. */
        @WithDefault("PT1M")
        Duration firstRetryAfter();

        /** The longest pause between two tries. */
        @WithDefault("PT1H")
        Duration longestRetryPause();

        /** How long a replica may take to look up the contact and mail it before another may try. */
        @WithDefault("PT2M")
        Duration sendLease();

        enum Delivery { SMTP, LOG }
    }

    interface Rollup {
        /** How often each replica counts the changed incidents into the recovery rollup; {@code off} disables it there. */
        @WithDefault("1s")
        String every();
    }

    interface Timers {
        /** How often each replica sends, reminds and expires, such as {@code 10s}; {@code off} disables it there. */
        String every();

        @WithDefault("50")
        int batchSize();

        /** How many invitations a replica mails at once: one slow conversation does not hold back the rest. */
        @WithDefault("4")
        int senders();
    }
}

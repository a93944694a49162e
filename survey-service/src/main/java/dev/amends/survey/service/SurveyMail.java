package dev.amends.survey.service;

import dev.amends.common.json.Instants;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.page.SurveyMessages;
import dev.amends.survey.page.Texts;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Mails the survey link in the customer's language. Without an SMTP server (delivery {@code log},
 * the local stack) the link is written to the log instead; nowhere else is a link ever logged.
 */
@ApplicationScoped
public class SurveyMail {

    private static final Logger LOG = Logger.getLogger(SurveyMail.class);
    /** With the mailer's timeout, three attempts stay well inside the sending transaction's 60 s. */
    private static final int ATTEMPTS = 3;

    private final Mailer mailer;
    private final SurveyConfig config;

    public SurveyMail(Mailer mailer, SurveyConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /** Returns once the SMTP server has accepted the mail; throws when it did not. */
    public void send(String email, String locale, String token, Instant validUntil, boolean reminder) {
        String link = link(token);
        if (config.mail().delivery() == SurveyConfig.Mail.Delivery.LOG) {
            LOG.infof("survey %s (mail delivery is 'log'): %s", reminder ? "reminder" : "invitation", link);
            return;
        }
        SurveyMessages messages = Texts.in(locale);
        String subject = reminder ? messages.reminderSubject() : messages.mailSubject();
        Mail mail = Mail.withText(email, subject, messages.mailText(link, Instants.format(validUntil)));
        for (int attempt = 1; ; attempt++) {
            try {
                mailer.send(mail);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // A connection the server closed fails at once, a stalled conversation after the
                // mailer's timeout; a new connection usually works.
                LOG.warnf("survey mail not accepted (attempt %d of %d), trying again: %s", attempt, ATTEMPTS, e.toString());
            }
        }
    }

    public String link(String token) {
        return config.publicBaseUrl().replaceAll("/+$", "") + "/s/" + token;
    }
}

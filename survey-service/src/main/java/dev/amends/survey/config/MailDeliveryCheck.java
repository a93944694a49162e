package dev.amends.survey.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Refuses a production start that would mail through an SMTP server nobody named: the mailer's
 * default host would make every invitation fail quietly, one retry after another.
 */
@ApplicationScoped
public class MailDeliveryCheck {

    static final String HOST = "quarkus.mailer.host";

    void check(@Observes StartupEvent startup, SurveyConfig config, Config settings) {
        if (LaunchMode.current() == LaunchMode.NORMAL && config.mail().delivery() == SurveyConfig.Mail.Delivery.SMTP
                && !named(settings.getConfigValue(HOST))) {
            throw new IllegalStateException("Mail delivery is 'smtp' but QUARKUS_MAILER_HOST is not set: set it to the "
                    + "SMTP server, or AMENDS_SURVEY_MAIL_DELIVERY=log on a local machine.");
        }
    }

    /** Set by the operator: not empty, and not the mailer's built-in default. */
    private static boolean named(ConfigValue host) {
        return host.getRawValue() != null && !host.getRawValue().isBlank() && host.getSourceName() != null
                && !host.getSourceName().contains("Default");
    }
}

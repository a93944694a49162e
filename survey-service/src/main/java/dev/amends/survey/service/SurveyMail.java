package dev.amends.survey.service;

import dev.amends.common.json.Instants;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.text.PageLocale;
import dev.amends.survey.text.SurveyMessages;
import dev.amends.survey.text.Texts;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Mails the survey, and the exit interview, in the customer's language. Without an SMTP server (delivery {@code log},
 * the local stack) the link is written to the log instead; nowhere else is a link ever logged.
 */
@ApplicationScoped
public class SurveyMail {

    private static final Logger LOG = Logger.getLogger(SurveyMail.class);
    /** With the mailer's timeout (only one attempt times out), three stay inside the sending replica's lease. */
    private static final int ATTEMPTS = 3;

    private final Mailer mailer;
    private final SurveyConfig config;
    private final Template html;

    private final Template interviewHtml;

    public SurveyMail(Mailer mailer, SurveyConfig config, @Location("mail/survey.html") Template html,
                      @Location("mail/interview.html") Template interviewHtml) {
        this.mailer = mailer;
        this.config = config;
        this.html = html;
        this.interviewHtml = interviewHtml;
    }

    /** Returns once the SMTP server has accepted the mail; throws when it did not. */
    public void send(String email, String locale, String token, Instant validUntil, boolean reminder) {
        String link = link(token);
        if (logsInstead(reminder ? "survey reminder" : "survey invitation", link)) {
            return;
        }
        hand(compose(email, locale, link, Instants.format(validUntil), reminder));
    }

    /** The exit interview; returns once the SMTP server has accepted it, throws when it did not. */
    public void sendInterview(String email, String locale, String token, Instant validUntil) {
        String link = interviewLink(token);
        if (logsInstead("exit interview", link)) {
            return;
        }
        hand(composeInterview(email, locale, token, Instants.format(validUntil)));
    }

    private boolean logsInstead(String what, String link) {
        if (config.mail().delivery() == SurveyConfig.Mail.Delivery.LOG) {
            LOG.infof("%s (mail delivery is 'log'): %s", what, link);
            return true;
        }
        return false;
    }

    private void hand(Mail mail) {
        boolean refusedEachTime = true;
        for (int attempt = 1; ; attempt++) {
            try {
                mailer.send(mail);
                return;
            } catch (RuntimeException e) {
                refusedEachTime &= refusedPermanently(e);
                // A conversation that timed out may have delivered the mail: trying again at once
                // would send it twice while the server is slow. That waits for the retry pause.
                if (attempt == ATTEMPTS || timedOut(e)) {
                    throw new NotAccepted(refusedEachTime, e);
                }
                // A connection the server closed or refused fails at once; a new one usually works.
                LOG.warnf("survey mail not accepted (attempt %d of %d), trying again: %s", attempt, ATTEMPTS, e.toString());
            }
        }
    }

    /**
     * The mail in the customer's language, as plain text and as HTML: the first question itself
     * as three links that open the page with that answer chosen, and the opt-out link, also in
     * the List-Unsubscribe headers for one-click unsubscribing (RFC 8058). A reminder is the same
     * mail, marked as one.
     */
    Mail compose(String email, String customerLocale, String link, String validUntil, boolean reminder) {
        String locale = PageLocale.of(customerLocale);
        SurveyMessages messages = Texts.in(locale);
        String subject = reminder ? messages.reminderSubject() : messages.mailSubject();
        String optOut = link + "/opt-out";
        List<Choice> answers = List.of(new Choice("YES", messages.yes()), new Choice("PARTLY", messages.partly()),
                new Choice("NO", messages.no()));
        StringBuilder text = new StringBuilder(messages.mailGreeting()).append("\n\n");
        if (reminder) {
            text.append(messages.mailReminderNote()).append("\n\n");
        }
        text.append(messages.mailIntro()).append("\n\n").append(messages.resolvedQuestion()).append('\n');
        answers.forEach(answer -> text.append(answer.label()).append(": ").append(link)
                .append("?resolvedSatisfactorily=").append(answer.value()).append('\n'));
        text.append('\n').append(messages.mailSurveyLink(link)).append('\n').append(messages.mailValidUntil(validUntil))
                .append("\n\n").append(messages.mailOptOut(optOut)).append('\n');
        String html = this.html.data("lang", locale).data("subject", subject).data("reminder", reminder)
                .data("link", link).data("answers", answers).data("validUntil", validUntil).data("optOut", optOut)
                .setLocale(Locale.forLanguageTag(locale)).render();
        return Mail.withText(email, subject, text.toString()).setHtml(html)
                .addHeader("List-Unsubscribe", "<" + optOut + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /**
     * The exit interview in the customer's language, as plain text and as HTML: why they left, one
     * link to the interview page, and the opt-out link (any link the customer was sent works for it).
     */
    Mail composeInterview(String email, String customerLocale, String token, String validUntil) {
        String locale = PageLocale.of(customerLocale);
        SurveyMessages messages = Texts.in(locale);
        String link = interviewLink(token);
        String optOut = link(token) + "/opt-out";
        String text = messages.mailGreeting() + "\n\n" + messages.interviewMailIntro() + "\n\n"
                + messages.interviewMailLink(link) + '\n' + messages.mailValidUntil(validUntil) + "\n\n"
                + messages.mailOptOut(optOut) + '\n';
        String html = interviewHtml.data("lang", locale).data("subject", messages.interviewMailSubject())
                .data("link", link).data("validUntil", validUntil).data("optOut", optOut)
                .setLocale(Locale.forLanguageTag(locale)).render();
        return Mail.withText(email, messages.interviewMailSubject(), text).setHtml(html)
                .addHeader("List-Unsubscribe", "<" + optOut + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /** An answer to the first question, as the mail offers it. */
    public record Choice(String value, String label) {
    }

    /** The SMTP server did not take the mail; {@code permanent} when it refused it (5xx) on every connection. */
    public static class NotAccepted extends RuntimeException {
        private final boolean permanent;

        NotAccepted(boolean permanent, Throwable cause) {
            super(String.valueOf(cause.getMessage()), cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean refusedPermanently(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }

    public String link(String token) {
        return base() + "/s/" + token;
    }

    public String interviewLink(String token) {
        return base() + "/i/" + token;
    }

    private String base() {
        return config.publicBaseUrl().replaceAll("/+$", "");
    }
}

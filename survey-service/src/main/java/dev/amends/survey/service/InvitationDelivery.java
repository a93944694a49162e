package dev.amends.survey.service;

import dev.amends.common.events.UndeliverableReason;
import dev.amends.survey.client.ContactLookup;
import dev.amends.survey.text.PageLocale;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Mails one invitation or reminder: claim it, look up the contact at intake and hand the mail to
 * SMTP with no transaction open, then record what happened. A failure is this invitation's alone:
 * it waits or ends undeliverable, and the others go on.
 */
@ApplicationScoped
public class InvitationDelivery {

    private static final Logger LOG = Logger.getLogger(InvitationDelivery.class);

    private final InvitationWork work;
    private final ContactLookup contacts;
    private final SurveyMail mail;
    private final SurveyTokens tokens;
    private final MeterRegistry metrics;

    public InvitationDelivery(InvitationWork work, ContactLookup contacts, SurveyMail mail, SurveyTokens tokens,
                              MeterRegistry metrics) {
        this.work = work;
        this.contacts = contacts;
        this.mail = mail;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    public void send(UUID id) {
        work.claimToSend(id).ifPresent(claim -> deliver(claim, false));
    }

    public void remind(UUID id) {
        work.claimToRemind(id).ifPresent(claim -> deliver(claim, true));
    }

    private void deliver(InvitationWork.Claim claim, boolean reminder) {
        String step = reminder ? "remind" : "send";
        ContactLookup.Lookup lookup;
        try {
            lookup = contacts.contactOf(claim.incidentId());
        } catch (RuntimeException e) {
            failed(claim, step, UndeliverableReason.CONTACT_LOOKUP_FAILED, false, e);
            return;
        }
        if (lookup instanceof ContactLookup.UnknownIncident) {
            failed(claim, step, UndeliverableReason.NO_CONTACT, true, null);
        } else if (lookup instanceof ContactLookup.Contact contact) {
            mail(claim, contact, reminder, step);
        } else if (reminder) {
            work.reminded(claim, false);
        } else {
            work.noEmail(claim);
        }
    }

    private void mail(InvitationWork.Claim claim, ContactLookup.Contact contact, boolean reminder, String step) {
        String locale = reminder ? claim.locale() : PageLocale.of(contact.locale());
        try {
            mail.send(contact.email(), locale, tokens.token(claim.tokenSeed()), claim.expiresAt(), reminder);
        } catch (SurveyMail.NotAccepted e) {
            failed(claim, step, UndeliverableReason.SMTP_REFUSED, e.permanent(), e);
            return;
        }
        if (reminder) {
            work.reminded(claim, true);
        } else {
            work.sent(claim, contact.locale());
        }
    }

    private void failed(InvitationWork.Claim claim, String step, UndeliverableReason reason, boolean permanent,
                        Exception cause) {
        metrics.counter("amends.survey.delivery.failures", "step", step, "reason", reason.name()).increment();
        LOG.warnf("invitation %s: %s failed (%s%s)%s", claim.id(), step, reason, permanent ? ", permanent" : "",
                cause == null ? "" : ": " + cause);
        work.failed(claim, reason, permanent);
    }
}

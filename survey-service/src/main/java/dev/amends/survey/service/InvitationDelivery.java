package dev.amends.survey.service;

import dev.amends.common.events.UndeliverableReason;
import dev.amends.survey.client.ContactLookup;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.text.PageLocale;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Mails one invitation or reminder: claim it, look up the contact at intake and hand the mail to
 * SMTP with no transaction open, then record what happened. A failure is this invitation's alone:
 * it waits or ends undeliverable, and the others go on.
 */
@ApplicationScoped
public class InvitationDelivery {

    private static final Logger LOG = Logger.getLogger(InvitationDelivery.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(2);
    private static final Duration FIRST_RECORD_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_RECORD_PAUSE = Duration.ofSeconds(2);

    private final InvitationWork work;
    private final ContactLookup contacts;
    private final SurveyMail mail;
    private final SurveyTokens tokens;
    private final MeterRegistry metrics;
    private final Duration sendLease;

    public InvitationDelivery(InvitationWork work, ContactLookup contacts, SurveyMail mail, SurveyTokens tokens,
                              MeterRegistry metrics, SurveyConfig config) {
        this.work = work;
        this.contacts = contacts;
        this.mail = mail;
        this.tokens = tokens;
        this.metrics = metrics;
        this.sendLease = config.mail().sendLease();
    }

    public void send(UUID id) {
        work.claimToSend(id).ifPresent(claim -> deliver(claim, false));
    }

    public void remind(UUID id) {
        work.claimToRemind(id).ifPresent(claim -> deliver(claim, true));
    }

    private void deliver(InvitationWork.Claim claim, boolean reminder) {
        long claimedAt = System.nanoTime();
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
            mail(claim, contact, reminder, step, claimedAt);
        } else if (reminder) {
            work.reminded(claim, false);
        } else {
            work.noEmail(claim);
        }
    }

    private void mail(InvitationWork.Claim claim, ContactLookup.Contact contact, boolean reminder, String step,
                      long claimedAt) {
        String locale = reminder ? claim.locale() : PageLocale.of(contact.locale());
        try {
            mail.send(contact.email(), locale, tokens.token(claim.tokenSeed()), claim.expiresAt(), reminder);
        } catch (SurveyMail.NotAccepted e) {
            failed(claim, step, UndeliverableReason.SMTP_REFUSED, e.permanent(), e);
            return;
        }
        recordDelivered(claim, claimedAt, reminder ? () -> work.reminded(claim, true) : () -> work.sent(claim, contact.locale()));
    }

    /**
     * The customer has the mail: recording it must not be given up on a passing failure (the
     * database restarting), or the next try after the lease would mail it again. Tries until the
     * lease is nearly over; only then is the mail left to be sent again.
     */
    private void recordDelivered(InvitationWork.Claim claim, long claimedAt, Runnable record) {
        long deadline = claimedAt + sendLease.minus(LEASE_MARGIN).toNanos();
        long pause = FIRST_RECORD_PAUSE.toMillis();
        while (true) {
            try {
                record.run();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw e;
                }
                LOG.warnf("invitation %s: mailed, recording it failed, trying again in %d ms: %s", claim.id(), pause, e);
                sleep(pause);
                pause = Math.min(pause * 2, LONGEST_RECORD_PAUSE.toMillis());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while recording a mailed invitation", e);
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

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
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Mails one invitation, reminder or exit interview: claim it, look up the contact at intake and hand the mail to
 * SMTP with no transaction open, then record what happened. A failure is this mail's alone: it
 * waits or ends undeliverable, and the others go on.
 */
@ApplicationScoped
public class InvitationDelivery {

    private static final Logger LOG = Logger.getLogger(InvitationDelivery.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(2);
    private static final Duration FIRST_RECORD_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_RECORD_PAUSE = Duration.ofSeconds(2);

    private final InvitationWork work;
    private final InterviewWork interviews;
    private final ContactLookup contacts;
    private final SurveyMail mail;
    private final SurveyTokens tokens;
    private final MeterRegistry metrics;
    private final Duration sendLease;

    public InvitationDelivery(InvitationWork work, InterviewWork interviews, ContactLookup contacts, SurveyMail mail, SurveyTokens tokens,
                              MeterRegistry metrics, SurveyConfig config) {
        this.work = work;
        this.interviews = interviews;
        this.contacts = contacts;
        this.mail = mail;
        this.tokens = tokens;
        this.metrics = metrics;
        this.sendLease = config.mail().sendLease();
    }

    public void send(UUID id) {
        work.claimToSend(id).ifPresent(claim -> deliver(new Mailing(claim.id(), claim.incidentId(), "send",
                contact -> mail.send(contact.email(), PageLocale.of(contact.locale()), tokens.token(claim.tokenSeed()),
                        claim.expiresAt(), false),
                contact -> work.sent(claim, contact.locale()), () -> work.noEmail(claim),
                (reason, permanent) -> work.failed(claim, reason, permanent))));
    }

    public void remind(UUID id) {
        work.claimToRemind(id).ifPresent(claim -> deliver(new Mailing(claim.id(), claim.incidentId(), "remind",
                contact -> mail.send(contact.email(), claim.locale(), tokens.token(claim.tokenSeed()), claim.expiresAt(),
                        true),
                contact -> work.reminded(claim, true), () -> work.reminded(claim, false),
                (reason, permanent) -> work.failed(claim, reason, permanent))));
    }

    public void sendInterview(UUID id) {
        interviews.claimToSend(id).ifPresent(claim -> deliver(new Mailing(claim.id(), claim.incidentId(), "interview",
                contact -> mail.sendInterview(contact.email(), PageLocale.of(contact.locale()),
                        tokens.token(claim.tokenSeed()), claim.expiresAt()),
                contact -> interviews.sent(claim, contact.locale()), () -> interviews.noEmail(claim),
                (reason, permanent) -> interviews.failed(claim, permanent))));
    }

    /** One claimed mail: how to mail it, and how to record each outcome. */
    private record Mailing(UUID id, UUID incidentId, String step, Consumer<ContactLookup.Contact> mail,
                           Consumer<ContactLookup.Contact> delivered, Runnable noEmail,
                           BiConsumer<UndeliverableReason, Boolean> failed) {
    }

    private void deliver(Mailing mailing) {
        long claimedAt = System.nanoTime();
        ContactLookup.Lookup lookup;
        try {
            lookup = contacts.contactOf(mailing.incidentId());
        } catch (RuntimeException e) {
            failed(mailing, UndeliverableReason.CONTACT_LOOKUP_FAILED, false, e);
            return;
        }
        if (lookup instanceof ContactLookup.UnknownIncident) {
            failed(mailing, UndeliverableReason.NO_CONTACT, true, null);
        } else if (lookup instanceof ContactLookup.Contact contact) {
            try {
                mailing.mail().accept(contact);
            } catch (SurveyMail.NotAccepted e) {
                failed(mailing, UndeliverableReason.SMTP_REFUSED, e.permanent(), e);
                return;
            }
            recordDelivered(mailing, claimedAt, () -> mailing.delivered().accept(contact));
        } else {
            mailing.noEmail().run();
        }
    }

    /**
     * The customer has the mail: recording it must not be given up on a passing failure (the
     * database restarting), or the next try after the lease would mail it again. Tries until the
     * lease is nearly over; only then is the mail left to be sent again.
     */
    private void recordDelivered(Mailing mailing, long claimedAt, Runnable record) {
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
                LOG.warnf("%s %s: mailed, recording it failed, trying again in %d ms: %s", mailing.step(), mailing.id(), pause,
                        e);
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

    private void failed(Mailing mailing, UndeliverableReason reason, boolean permanent, Exception cause) {
        metrics.counter("amends.survey.delivery.failures", "step", mailing.step(), "reason", reason.name()).increment();
        LOG.warnf("%s %s failed (%s%s)%s", mailing.step(), mailing.id(), reason, permanent ? ", permanent" : "",
                cause == null ? "" : ": " + cause);
        mailing.failed().accept(reason, permanent);
    }
}

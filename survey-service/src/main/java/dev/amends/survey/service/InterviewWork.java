package dev.amends.survey.service;

import dev.amends.common.events.InterviewInvited;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.Interview;
import dev.amends.survey.repository.InterviewRepository;
import dev.amends.survey.repository.InterviewState;
import dev.amends.survey.repository.InvitationRepository;
import dev.amends.survey.repository.OptOut;
import dev.amends.survey.text.PageLocale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The database steps of mailing an exit interview, each its own short transaction, as
 * {@link InvitationWork}'s for invitations: the claim decides whether the lapse is interviewed at
 * all (an incident in the window, not opted out, not interviewed within the once-per period) and
 * which incident it is about. Delivery has no reminder and publishes no undeliverable event (the
 * contract has none for interviews): such an interview simply ends.
 */
@ApplicationScoped
public class InterviewWork {

    /** What a replica needs to mail an interview it has claimed. */
    public record Claim(UUID id, UUID incidentId, byte[] tokenSeed, Instant expiresAt) {
    }

    private final SurveyConfig config;
    private final OutboxWriter outbox;
    private final InterviewRepository interviews;
    private final InvitationRepository invitations;
    private final Clock clock;
    private final DeliveryRetries retries;

    public InterviewWork(SurveyConfig config, OutboxWriter outbox, InterviewRepository interviews,
                         InvitationRepository invitations, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.interviews = interviews;
        this.invitations = invitations;
        this.clock = clock;
        this.retries = DeliveryRetries.of(config.mail());
    }

    @Transactional
    public List<UUID> dueToSend() {
        return interviews.dueToSend(now(), config.timers().batchSize());
    }

    /** Claims a due interview for this replica, or ends it when the lapse is not to be interviewed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimToSend(UUID id) {
        Instant now = now();
        Optional<Interview> locked = interviews.lockToSend(id, now);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Interview interview = locked.get();
        // The same per-customer lock as invitations': one decision per customer at a time, across replicas.
        invitations.lockCustomer(interview.customerRef);
        if (OptOut.of(interview.customerRef)) {
            Interviews.close(interview, InterviewState.OPTED_OUT, now);
            return Optional.empty();
        }
        if (interviews.interviewedSince(interview.customerRef, now.minus(config.interview().oncePer()))) {
            Interviews.close(interview, InterviewState.THROTTLED, now);
            return Optional.empty();
        }
        Optional<IncidentView> latest = interviews.latestIncident(interview.customerRef,
                interview.lapsedAt.minus(config.interview().window()), interview.lapsedAt);
        if (latest.isEmpty()) {
            Interviews.close(interview, InterviewState.NOT_QUALIFIED, now);
            return Optional.empty();
        }
        Optional<Instant> otherBeingMailed = interviews.otherBeingMailedUntil(interview.customerRef, id, now);
        if (otherBeingMailed.isPresent()) {
            interview.nextTryAt = otherBeingMailed.get();
            return Optional.empty();
        }
        interview.incidentId = latest.get().incidentId;
        interview.sendingUntil = now.plus(config.mail().sendLease());
        return Optional.of(new Claim(id, interview.incidentId, interview.tokenSeed, now.plus(config.linkValidFor())));
    }

    /** SMTP took the interview: it is sent, its link valid from now, and interview.invited published. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(Claim claim, String locale) {
        Instant now = now();
        Interview interview = Interview.findById(claim.id());
        if (interview.state != InterviewState.SCHEDULED) {
            return;
        }
        interview.locale = PageLocale.of(locale);
        interview.sentAt = now;
        interview.expiresAt = claim.expiresAt();
        interview.state = InterviewState.SENT;
        delivered(interview);
        String key = interview.incidentId.toString();
        outbox.write(key, key, now, new InterviewInvited(interview.id, interview.customerRef, interview.incidentId, now,
                interview.expiresAt, interview.locale));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void noEmail(Claim claim) {
        Interview interview = Interview.findById(claim.id());
        if (interview.state == InterviewState.SCHEDULED) {
            Interviews.close(interview, InterviewState.NO_EMAIL, now());
            delivered(interview);
        }
    }

    /** A try failed: a permanent failure ends it, a passing one waits with growing pauses until the give-up period. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claim claim, boolean permanent) {
        Instant now = now();
        Interview interview = Interview.findById(claim.id());
        interview.tries++;
        interview.sendingUntil = null;
        if (interview.failingSince == null) {
            interview.failingSince = now;
        }
        if (permanent || retries.givesUp(interview.failingSince, now)) {
            if (interview.state == InterviewState.SCHEDULED) {
                Interviews.close(interview, InterviewState.UNDELIVERABLE, now);
            }
        } else {
            interview.nextTryAt = retries.nextTry(interview.tries, now);
        }
    }

    /** Unanswered interviews whose link has expired: one batch, answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expire() {
        Instant now = now();
        List<UUID> expired = interviews.lockExpired(now, config.timers().batchSize());
        for (UUID id : expired) {
            Interviews.close(Interview.findById(id), InterviewState.EXPIRED, now);
        }
        return expired.size();
    }

    private static void delivered(Interview interview) {
        interview.sendingUntil = null;
        interview.nextTryAt = null;
        interview.failingSince = null;
        interview.tries = 0;
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }
}

package dev.amends.survey.service;

import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.events.SurveyComment;
import dev.amends.common.events.Topics;
import dev.amends.common.json.Instants;
import dev.amends.common.metrics.CommittedCounts;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.common.domain.ConflictException;
import dev.amends.common.domain.ExpiredException;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.repository.RecoveryRollups;
import dev.amends.survey.repository.SurveyAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** The survey behind a link, and the customer's answer to it. */
@ApplicationScoped
public class SurveyAnswers {

    private final SurveyTokens tokens;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final CommittedCounts counts;

    private final RecoveryRollups rollups;

    public SurveyAnswers(SurveyTokens tokens, OutboxWriter outbox, Clock clock, CommittedCounts counts,
                         RecoveryRollups rollups) {
        this.rollups = rollups;
        this.counts = counts;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What the page shows for a link that can still be answered. */
    public record OpenSurvey(String locale, boolean compensationOffered) {
    }

    /** The survey of a link that can be answered now; 404, 410 or 409 problems otherwise. */
    @Transactional
    public OpenSurvey open(String token) {
        Invitation invitation = answerable(token, LockModeType.NONE);
        return new OpenSurvey(invitation.locale, invitation.compensationOffered);
    }

    /** The locale of a link's page, also when the link cannot be answered any more. */
    @Transactional
    public String localeOf(String token) {
        return tokens.lookupHash(token).flatMap(hash -> Invitation.byTokenHash(hash, LockModeType.NONE))
                .map(invitation -> invitation.locale).orElse("en");
    }

    /** Records the answer once, publishes survey.answered with it, and answers when it was recorded. */
    @Transactional
    public Instant answer(String token, AnswerInput input) {
        Invitation invitation = answerable(token, LockModeType.PESSIMISTIC_WRITE);
        var violations = input.violationsFor(invitation.compensationOffered);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Instant now = Instants.truncate(clock.instant());
        SurveyAnswer answer = new SurveyAnswer();
        answer.invitationId = invitation.id;
        answer.incidentId = invitation.incidentId;
        answer.attempt = invitation.attempt;
        answer.resolvedSatisfactorily = input.resolvedSatisfactorily().name();
        answer.satisfaction = input.satisfaction();
        answer.comparedToBefore = input.comparedToBefore() == null ? null : input.comparedToBefore().name();
        answer.fairCompensation = input.fairCompensation();
        answer.speed = input.speed();
        answer.cause = input.cause() == null ? null : input.cause().name();
        answer.comment = input.comment();
        answer.answeredAt = now;
        answer.persist();
        Invitations.close(invitation, InvitationState.ANSWERED, now);
        rollups.changed(invitation.incidentId);
        counts.onCommit("amends.surveys.answered", "verdict", input.resolvedSatisfactorily().name());
        String key = invitation.incidentId.toString();
        // The customer's words travel on the compacted comments topic alone, so erasure can reach them.
        outbox.write(key, key, now, new SurveyAnswered(invitation.incidentId, invitation.attempt, invitation.id,
                invitation.customerRef, now, input.resolvedSatisfactorily(), input.satisfaction(),
                input.comparedToBefore(), input.fairCompensation(), input.speed(), input.cause(), null));
        if (input.comment() != null) {
            outbox.writePlain(Topics.COMMENTS, invitation.id.toString(), new SurveyComment(invitation.incidentId,
                    invitation.attempt, invitation.id, invitation.customerRef, input.comment(), now));
        }
        return now;
    }

    /**
     * Only a mailed, unexpired, unanswered invitation can be answered. A link that was never mailed
     * (cancelled, throttled, no email, undeliverable) is as unknown as a made-up one.
     */
    private Invitation answerable(String token, LockModeType lock) {
        Invitation invitation = tokens.lookupHash(token).flatMap(hash -> Invitation.byTokenHash(hash, lock))
                .orElseThrow(SurveyAnswers::unknown);
        Instant now = clock.instant();
        return switch (invitation.state) {
            case ANSWERED -> throw new ConflictException("This survey has already been answered.");
            case EXPIRED -> throw expired();
            case SENT -> {
                if (!invitation.expiresAt.isAfter(now)) {
                    throw expired();
                }
                yield invitation;
            }
            case SCHEDULED, CANCELLED, NO_EMAIL, THROTTLED, UNDELIVERABLE -> throw unknown();
        };
    }

    private static NotFoundException unknown() {
        return new NotFoundException("No survey has this link.");
    }

    private static ExpiredException expired() {
        return new ExpiredException("This survey link has expired.");
    }
}

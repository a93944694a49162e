package dev.amends.survey.service;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.domain.ExpiredException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.InterviewAnswered;
import dev.amends.common.events.InterviewComment;
import dev.amends.common.events.Topics;
import dev.amends.common.json.Instants;
import dev.amends.common.metrics.CommittedCounts;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.Interview;
import dev.amends.survey.repository.InterviewAnswer;
import dev.amends.survey.repository.InterviewState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * The exit interview behind a link, and the lapsed customer's answer: recorded once, published as
 * interview.answered (intake opens a win-back case when they may be contacted), the words on the
 * comments topic alone.
 */
@ApplicationScoped
public class InterviewAnswers {

    private final SurveyTokens tokens;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final CommittedCounts counts;

    public InterviewAnswers(SurveyTokens tokens, OutboxWriter outbox, Clock clock, CommittedCounts counts) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
        this.counts = counts;
    }

    /** The locale of an interview that can be answered now; 404, 410 or 409 problems otherwise. */
    @Transactional
    public String open(String token) {
        return answerable(token, LockModeType.NONE).locale;
    }

    /** The locale of a link's page, also when the link cannot be answered any more. */
    @Transactional
    public String localeOf(String token) {
        return tokens.lookupHash(token).flatMap(hash -> Interview.byTokenHash(hash, LockModeType.NONE))
                .map(interview -> interview.locale).orElse("en");
    }

    /** Records the answer once and answers when it was recorded. */
    @Transactional
    public Instant answer(String token, InterviewInput input) {
        Interview interview = answerable(token, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instants.truncate(clock.instant());
        InterviewAnswer answer = new InterviewAnswer();
        answer.interviewId = interview.id;
        answer.incidentId = interview.incidentId;
        answer.reason = input.reason().name();
        answer.incidentWeight = input.incidentWeight();
        answer.mayContact = input.mayContact();
        answer.comment = input.comment();
        answer.answeredAt = now;
        answer.persist();
        Interviews.close(interview, InterviewState.ANSWERED, now);
        counts.onCommit("amends.interviews.answered", "reason", input.reason().name());
        String key = interview.incidentId.toString();
        outbox.write(key, key, now, new InterviewAnswered(interview.id, interview.customerRef, interview.incidentId, now,
                input.reason(), input.incidentWeight(), input.mayContact(), input.comment() != null));
        if (input.comment() != null) {
            IncidentView incident = IncidentView.findById(interview.incidentId);
            outbox.writePlain(Topics.COMMENTS, interview.id.toString(), new InterviewComment(interview.incidentId,
                    incident.currentAttempt, interview.id, interview.customerRef, input.comment(), now));
        }
        return now;
    }

    /** Only a mailed, unexpired, unanswered interview can be answered; any other link is unknown. */
    private Interview answerable(String token, LockModeType lock) {
        Interview interview = tokens.lookupHash(token).flatMap(hash -> Interview.byTokenHash(hash, lock))
                .orElseThrow(InterviewAnswers::unknown);
        return switch (interview.state) {
            case ANSWERED -> throw new ConflictException("These questions have already been answered.");
            case EXPIRED -> throw expired();
            case SENT -> {
                if (!interview.expiresAt.isAfter(clock.instant())) {
                    throw expired();
                }
                yield interview;
            }
            default -> throw unknown();
        };
    }

    private static NotFoundException unknown() {
        return new NotFoundException("No exit interview has this link.");
    }

    private static ExpiredException expired() {
        return new ExpiredException("This link has expired.");
    }
}

package dev.amends.survey.service;

import dev.amends.common.events.PromiseState;
import dev.amends.survey.repository.AttemptView;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.PromiseView;
import dev.amends.survey.repository.SurveyAnswer;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A case as the read model knows it, for the read-only case page behind the dashboard's figures:
 * how it was handled, each attempt and the customer's answer to it. The customer's own words only
 * when asked for (agents read them, analysts do not).
 */
@ApplicationScoped
public class CaseSummaries {

    public record Summary(UUID incidentId, Instant reportedAt, String channel, String category, String severity,
                          String origin, String owner, Instant acknowledgeBy, Instant acknowledgedAt, Boolean apology,
                          boolean slaBreached, int ownerChanges, long promisesOpen, long promisesKept,
                          long promisesBroken,
                          List<Attempt> attempts) {
    }

    public record Attempt(int attempt, String owner, String expectedVerdict, String cause, Instant resolvedAt,
                          Answer answer) {
    }

    /** {@code comment} is null when the words were not asked for, or the customer gave none. */
    public record Answer(String resolvedSatisfactorily, Integer satisfaction, String comparedToBefore,
                         Integer fairCompensation, Integer speed, String cause, String comment, Instant answeredAt) {
    }

    @Transactional
    public Optional<Summary> of(UUID incidentId, boolean withWords) {
        IncidentView incident = IncidentView.findById(incidentId);
        if (incident == null || incident.reportedAt == null) {
            return Optional.empty();
        }
        Map<Integer, SurveyAnswer> answers = SurveyAnswer.<SurveyAnswer>list("incidentId", incidentId).stream()
                .collect(Collectors.toMap(answer -> answer.attempt, Function.identity(), (first, second) -> first));
        List<Attempt> attempts = AttemptView.<AttemptView>list("incidentId", Sort.by("attempt"), incidentId).stream()
                .map(attempt -> new Attempt(attempt.attempt, attempt.owner, attempt.expectedVerdict, attempt.cause,
                        attempt.resolvedAt, answer(answers.get(attempt.attempt), withWords))).toList();
        Map<PromiseState, Long> promises = PromiseView.<PromiseView>list("incidentId", incidentId).stream()
                .collect(Collectors.groupingBy(promise -> promise.state, Collectors.counting()));
        return Optional.of(new Summary(incident.incidentId, incident.reportedAt, incident.channel, incident.category,
                incident.severity, incident.origin, incident.owner, incident.acknowledgeBy, incident.acknowledgedAt,
                incident.apology, incident.slaBreached, incident.ownerChanges, promises.getOrDefault(PromiseState.OPEN, 0L),
                promises.getOrDefault(PromiseState.KEPT, 0L), promises.getOrDefault(PromiseState.BROKEN, 0L), attempts));
    }

    private static Answer answer(SurveyAnswer answer, boolean withWords) {
        if (answer == null) {
            return null;
        }
        return new Answer(answer.resolvedSatisfactorily, answer.satisfaction, answer.comparedToBefore,
                answer.fairCompensation, answer.speed, answer.cause, withWords ? answer.comment : null,
                answer.answeredAt);
    }
}

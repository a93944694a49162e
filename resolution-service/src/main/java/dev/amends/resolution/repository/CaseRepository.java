package dev.amends.resolution.repository;

import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Origin;
import dev.amends.common.events.PromiseState;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The queries of the case aggregate: a case with all its parts, the search, and the locking
 * queries of the scheduled checks. Those lock the rows they answer with {@code FOR UPDATE SKIP
 * LOCKED}, so replicas running at once split the due work, and rows an agent is changing wait.
 */
@ApplicationScoped
public class CaseRepository {

    private static final String ACTIVE = "('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'REOPENED')";

    /** An open promise whose at-risk time or due time has come, and its case. */
    public record DuePromise(UUID promiseId, UUID caseId) {
    }

    /** A page of cases and how many match in all. */
    public record Page(List<CaseDetails> items, long total) {
    }

    /** One page of the cases matching every given filter, newest reportedAt first, and the total. */
    public Page search(CaseFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            conditions.add("c.status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.owner() != null) {
            conditions.add("c.owner = :owner");
            parameters.and("owner", filter.owner());
        }
        if (filter.assignee() != null) {
            conditions.add("c.assignee = :assignee");
            parameters.and("assignee", filter.assignee());
        }
        if (filter.breached() != null) {
            conditions.add("c.breached = :breached");
            parameters.and("breached", filter.breached());
        }
        if (filter.promiseDue() != null) {
            conditions.add("exists (from CasePromise p where p.caseId = c.id and p.state = :open and p.dueAt <= :promiseDue)");
            parameters.and("open", PromiseState.OPEN).and("promiseDue", filter.promiseDue());
        }
        if (filter.origin() != null) {
            conditions.add("c.origin = :origin");
            parameters.and("origin", filter.origin());
        }
        if (filter.disruptionId() != null) {
            conditions.add("c.disruptionId = :disruptionId");
            parameters.and("disruptionId", filter.disruptionId());
        }
        if (filter.from() != null) {
            conditions.add("c.reportedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("c.reportedAt < :to");
            parameters.and("to", filter.to());
        }
        // A full query with an alias: the promise sub-query must name the case's id, not its own.
        String query = "from SupportCase c" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by c.reportedAt desc, c.id desc";
        var found = SupportCase.<SupportCase>find(query, parameters)
                .page(io.quarkus.panache.common.Page.of(page, size));
        return new Page(withParts(found.list()), found.count());
    }

    public Optional<CaseDetails> find(UUID id) {
        return SupportCase.<SupportCase>findByIdOptional(id).map(c -> withParts(List.of(c)).get(0));
    }

    /** The cases with their promises, compensations, resolutions, history and comments: five queries for the lot. */
    private static List<CaseDetails> withParts(List<SupportCase> cases) {
        if (cases.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = cases.stream().map(c -> c.id).toList();
        Map<UUID, List<CasePromise>> promises = byCase(
                CasePromise.list("caseId in ?1", Sort.by("madeAt").and("id"), ids), p -> p.caseId);
        Map<UUID, List<CaseCompensation>> compensations = byCase(
                CaseCompensation.list("caseId in ?1", Sort.by("offeredAt").and("id"), ids), k -> k.caseId);
        Map<UUID, List<CaseResolution>> resolutions = byCase(
                CaseResolution.list("caseId in ?1", Sort.by("attempt"), ids), r -> r.caseId);
        Map<UUID, List<CaseHistoryEntry>> history = byCase(
                CaseHistoryEntry.list("caseId in ?1", Sort.by("id"), ids), h -> h.caseId);
        Map<UUID, List<CustomerComment>> comments = byCase(
                CustomerComment.list("caseId in ?1", Sort.by("attempt"), ids), comment -> comment.caseId);
        return cases.stream().map(c -> new CaseDetails(c, promises.getOrDefault(c.id, List.of()),
                compensations.getOrDefault(c.id, List.of()), resolutions.getOrDefault(c.id, List.of()),
                history.getOrDefault(c.id, List.of()), comments.getOrDefault(c.id, List.of()))).toList();
    }

    /** The history entries whose reason is the comment on that invitation (a customer's NO). */
    public List<CaseHistoryEntry> entriesQuoting(UUID invitationId) {
        return CaseHistoryEntry.list("commentOf", invitationId);
    }

    /** Every comment of one customer, for their erasure. */
    public List<CustomerComment> commentsOf(String customerRef) {
        return CustomerComment.list("customerRef", customerRef);
    }

    /** Groups rows by their case, keeping the order they were read in. */
    private static <T> Map<UUID, List<T>> byCase(List<T> rows, Function<T, UUID> caseId) {
        return rows.stream().collect(Collectors.groupingBy(caseId));
    }

    /** Cases, locked, whose acknowledge or resolve clock has reached its warning or its deadline unannounced. */
    public List<UUID> lockCasesWithClocksDue(Instant now, int limit) {
        return lockIds("""
                select id from support_case
                where (acknowledged_at is null and acknowledge_warn_at <= :at
                       and (acknowledge_warned_attempt < attempt
                            or (acknowledge_by <= :at and acknowledge_breached_attempt < attempt)))
                   or (status in %s and resolve_warn_at <= :at
                       and (resolve_warned_attempt < attempt
                            or (resolve_by <= :at and resolve_breached_attempt < attempt)))
                order by id limit :limit for update skip locked""".formatted(ACTIVE), now, limit);
    }

    /** Resolved cases, locked, resolved at or before {@code resolvedBefore}. */
    public List<UUID> lockResolvedBefore(Instant resolvedBefore, int limit) {
        return lockIds("""
                select id from support_case where status = 'RESOLVED' and resolved_at <= :at
                order by resolved_at limit :limit for update skip locked""", resolvedBefore, limit);
    }

    /** Open promises, locked with their cases, that are due or at risk and not yet announced so. */
    public List<DuePromise> lockPromisesDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = SupportCase.getEntityManager().createNativeQuery("""
                        select p.id as promise_id, p.case_id as case_id
                        from case_promise p join support_case c on c.id = p.case_id
                        where p.state = 'OPEN' and p.at_risk_at <= :now
                          and (p.due_at <= :now or p.at_risk_due_at is distinct from p.due_at)
                        order by p.at_risk_at limit :limit for update of c, p skip locked""", Tuple.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
        return rows.stream().map(row -> new DuePromise(row.get("promise_id", UUID.class), row.get("case_id", UUID.class)))
                .toList();
    }

    /** The case's promise with that id, if the case has one. */
    public Optional<CasePromise> promiseOf(UUID caseId, UUID promiseId) {
        return CasePromise.<CasePromise>find("id = ?1 and caseId = ?2", promiseId, caseId).firstResultOptional();
    }

    /** The resolution of the case's attempt, if it was resolved. */
    public Optional<CaseResolution> resolutionOf(UUID caseId, int attempt) {
        return CaseResolution.<CaseResolution>find("caseId = ?1 and attempt = ?2", caseId, attempt).firstResultOptional();
    }

    /** How many cases are in each status that has any. */
    @Transactional
    public Map<CaseStatus, Long> countByStatus() {
        return SupportCase.getEntityManager()
                .createQuery("select c.status, count(c) from SupportCase c group by c.status", Tuple.class)
                .getResultStream().collect(Collectors.toMap(row -> row.get(0, CaseStatus.class), row -> row.get(1, Long.class)));
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> lockIds(String sql, Instant at, int limit) {
        return SupportCase.getEntityManager().createNativeQuery(sql, UUID.class)
                .setParameter("at", at).setParameter("limit", limit).getResultList();
    }

    /** The disruption's cases (of that origin, if given) reported by {@code until}: what a bulk action covers. */
    public long countOfDisruption(UUID disruptionId, Origin origin, Instant until) {
        return origin == null
                ? SupportCase.count("disruptionId = ?1 and reportedAt <= ?2", disruptionId, until)
                : SupportCase.count("disruptionId = ?1 and reportedAt <= ?2 and origin = ?3", disruptionId, until, origin);
    }

    /** The next {@code limit} of them after {@code after} (null: from the first) in id order, locked for the change. */
    public List<SupportCase> lockNextOfDisruption(UUID disruptionId, Origin origin, Instant until, UUID after, int limit) {
        String query = "disruptionId = :disruption and reportedAt <= :until"
                + (origin == null ? "" : " and origin = :origin") + (after == null ? "" : " and id > :after");
        Parameters parameters = Parameters.with("disruption", disruptionId).and("until", until);
        if (origin != null) {
            parameters.and("origin", origin);
        }
        if (after != null) {
            parameters.and("after", after);
        }
        return SupportCase.<SupportCase>find(query, Sort.by("id"), parameters).withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, limit).list();
    }
}

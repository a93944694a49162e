package dev.amends.resolution.repository;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The queries of the case aggregate: a case with all its parts, and the search. */
@ApplicationScoped
public class CaseRepository {

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
        if (filter.breached() != null) {
            conditions.add("c.breached = :breached");
            parameters.and("breached", filter.breached());
        }
        if (filter.promiseDue() != null) {
            conditions.add("exists (from CasePromise p where p.caseId = c.id and p.state = :open and p.dueAt <= :promiseDue)");
            parameters.and("open", PromiseState.OPEN).and("promiseDue", filter.promiseDue());
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

    /** The cases with their promises, compensations, resolutions and history: four queries for the lot. */
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
        return cases.stream().map(c -> new CaseDetails(c, promises.getOrDefault(c.id, List.of()),
                compensations.getOrDefault(c.id, List.of()), resolutions.getOrDefault(c.id, List.of()),
                history.getOrDefault(c.id, List.of()))).toList();
    }

    /** Groups rows by their case, keeping the order they were read in. */
    private static <T> Map<UUID, List<T>> byCase(List<T> rows, Function<T, UUID> caseId) {
        return rows.stream().collect(Collectors.groupingBy(caseId));
    }
}

package dev.amends.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** One page of the incidents matching every given filter, newest reportedAt first. */
    public PageOf<Incident> search(IncidentFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.source() != null) {
            conditions.add("source = :source");
            parameters.and("source", filter.source());
        }
        if (filter.customerId() != null) {
            conditions.add("customerId = :customerId");
            parameters.and("customerId", filter.customerId());
        }
        if (filter.channel() != null) {
            conditions.add("channel = :channel");
            parameters.and("channel", filter.channel());
        }
        if (filter.from() != null) {
            conditions.add("reportedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("reportedAt < :to");
            parameters.and("to", filter.to());
        }
        String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        var found = find(query, Sort.descending("reportedAt", "id"), parameters).page(Page.of(page, size));
        return new PageOf<>(found.list(), found.count());
    }
}

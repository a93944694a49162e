package dev.amends.survey.service;

import jakarta.transaction.TransactionScoped;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The incidents the current transaction's events changed, for one rollup refresh at its end. */
@TransactionScoped
public class TouchedIncidents implements Serializable {

    private final Set<UUID> incidents = new LinkedHashSet<>();

    public void add(UUID incidentId) {
        incidents.add(incidentId);
    }

    /** The incidents touched since the last drain. */
    public List<UUID> drain() {
        List<UUID> touched = List.copyOf(incidents);
        incidents.clear();
        return touched;
    }
}

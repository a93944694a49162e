package dev.amends.common.events;

import java.util.UUID;

/** An event about one incident (every incident.*, case.*, survey.* and interview.* event that names one). */
public interface IncidentEvent extends EventData {

    UUID incidentId();
}

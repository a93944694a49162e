package dev.amends.common.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the contract: its CloudEvents type, its topic and its data record. */
public enum EventType {
    INCIDENT_REPORTED("incident.reported", Topics.INCIDENTS, IncidentReported.class),
    CUSTOMER_PERSONAL_DATA_ERASED("customer.personal-data-erased", Topics.INCIDENTS, CustomerPersonalDataErased.class),
    INCIDENT_LINKED("incident.linked", Topics.INCIDENTS, IncidentLinked.class),
    DISRUPTION_DECLARED("disruption.declared", Topics.INCIDENTS, DisruptionDeclared.class),
    DISRUPTION_UPDATED("disruption.updated", Topics.INCIDENTS, DisruptionUpdated.class),
    DISRUPTION_CUSTOMERS_AFFECTED("disruption.customers-affected", Topics.INCIDENTS, DisruptionCustomersAffected.class),
    DISRUPTION_OUTREACH_STARTED("disruption.outreach-started", Topics.INCIDENTS, DisruptionOutreachStarted.class),
    DISRUPTION_CUSTOMERS_HELD_OUT("disruption.customers-held-out", Topics.INCIDENTS, DisruptionCustomersHeldOut.class),
    CUSTOMER_LAPSED("customer.lapsed", Topics.INCIDENTS, CustomerLapsed.class),
    CUSTOMER_RETURNED("customer.returned", Topics.INCIDENTS, CustomerReturned.class),
    CASE_OPENED("case.opened", Topics.CASES, CaseOpened.class),
    CASE_OWNER_CHANGED("case.owner-changed", Topics.CASES, CaseOwnerChanged.class),
    CASE_ASSIGNEE_CHANGED("case.assignee-changed", Topics.CASES, CaseAssigneeChanged.class),
    CASE_ACKNOWLEDGED("case.acknowledged", Topics.CASES, CaseAcknowledged.class),
    CASE_STATUS_CHANGED("case.status-changed", Topics.CASES, CaseStatusChanged.class),
    CASE_PROMISE_MADE("case.promise-made", Topics.CASES, CasePromiseMade.class),
    CASE_PROMISE_KEPT("case.promise-kept", Topics.CASES, CasePromiseKept.class),
    CASE_PROMISE_RENEGOTIATED("case.promise-renegotiated", Topics.CASES, CasePromiseRenegotiated.class),
    CASE_PROMISE_AT_RISK("case.promise-at-risk", Topics.CASES, CasePromiseAtRisk.class),
    CASE_PROMISE_BROKEN("case.promise-broken", Topics.CASES, CasePromiseBroken.class),
    CASE_COMPENSATION_OFFERED("case.compensation-offered", Topics.CASES, CaseCompensationOffered.class),
    CASE_SLA_WARNING("case.sla-warning", Topics.CASES, CaseSlaWarning.class),
    CASE_SLA_BREACHED("case.sla-breached", Topics.CASES, CaseSlaBreached.class),
    CASE_RESOLVED("case.resolved", Topics.CASES, CaseResolved.class),
    CASE_REOPENED("case.reopened", Topics.CASES, CaseReopened.class),
    CASE_CLOSED("case.closed", Topics.CASES, CaseClosed.class),
    SURVEY_INVITED("survey.invited", Topics.SURVEYS, SurveyInvited.class),
    SURVEY_REMINDED("survey.reminded", Topics.SURVEYS, SurveyReminded.class),
    SURVEY_ANSWERED("survey.answered", Topics.SURVEYS, SurveyAnswered.class),
    SURVEY_EXPIRED("survey.expired", Topics.SURVEYS, SurveyExpired.class),
    SURVEY_UNDELIVERABLE("survey.undeliverable", Topics.SURVEYS, SurveyUndeliverable.class),
    SURVEY_OPTED_OUT("survey.opted-out", Topics.SURVEYS, SurveyOptedOut.class),
    INTERVIEW_INVITED("interview.invited", Topics.SURVEYS, InterviewInvited.class),
    INTERVIEW_ANSWERED("interview.answered", Topics.SURVEYS, InterviewAnswered.class);

    private static final String PREFIX = "dev.amends.";
    private static final String VERSION = ".v1";
    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toMap(EventType::type, Function.identity()));

    private final String name;
    private final String topic;
    private final Class<? extends EventData> dataClass;

    EventType(String name, String topic, Class<? extends EventData> dataClass) {
        this.name = name;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The CloudEvents type, e.g. {@code dev.amends.incident.reported.v1}. */
    public String type() {
        return PREFIX + name + VERSION;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** The JSON Schema of the whole CloudEvent of this type, on the class path. */
    public String schemaResource() {
        return "schemas/events/" + type() + ".json";
    }

    /** The type for a CloudEvents type string; empty for types this version does not know. */
    public static Optional<EventType> of(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}

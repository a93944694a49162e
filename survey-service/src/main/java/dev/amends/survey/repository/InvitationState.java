package dev.amends.survey.repository;

/** Where an invitation is: waiting for its time, mailed, or done in one of several ways. */
public enum InvitationState {
    /** Waiting for its delay to pass. */
    SCHEDULED,
    /** Mailed; the link works until it expires. */
    SENT,
    ANSWERED,
    EXPIRED,
    /** A reopen or a new attempt came before it was mailed. */
    CANCELLED,
    /** The customer has no email address: not invited. */
    NO_EMAIL,
    /** The customer was invited recently for another incident: not invited. */
    THROTTLED,
    /** The mail could not be delivered (refused, no contact, or failing until the give-up period ended). */
    UNDELIVERABLE
}

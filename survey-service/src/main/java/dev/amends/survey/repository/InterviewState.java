package dev.amends.survey.repository;

/** Where an exit interview stands; every state but SCHEDULED and SENT is final. */
public enum InterviewState {
    SCHEDULED,
    SENT,
    ANSWERED,
    EXPIRED,
    /** No incident of the customer was reported within the window before the lapse. */
    NOT_QUALIFIED,
    /** The customer was interviewed within the once-per period. */
    THROTTLED,
    OPTED_OUT,
    /** The customer's personal data was erased before it went out. */
    CANCELLED,
    NO_EMAIL,
    UNDELIVERABLE
}

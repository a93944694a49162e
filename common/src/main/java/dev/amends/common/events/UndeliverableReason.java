package dev.amends.common.events;

/** Why an invitation could not be delivered. */
public enum UndeliverableReason {
    /** The SMTP server refused the mail permanently, or kept failing until the give-up period ended. */
    SMTP_REFUSED,
    /** Intake does not know the incident. */
    NO_CONTACT,
    /** The contact could not be fetched from intake until the give-up period ended. */
    CONTACT_LOOKUP_FAILED
}

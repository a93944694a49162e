package dev.amends.common.events;

/** Whether the incident was resolved satisfactorily: the customer's answer or the employee's guess. */
public enum Verdict {
    YES, PARTLY, NO
}

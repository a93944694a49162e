package dev.amends.common.events;

/** How much a lapsed customer was worth to the company, as the posting system ranks them. */
public enum ValueTier {
    LOW, NORMAL, HIGH
}

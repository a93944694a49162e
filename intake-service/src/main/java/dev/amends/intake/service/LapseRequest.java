package dev.amends.intake.service;

import dev.amends.common.events.ValueTier;

import java.time.Instant;

/** {@code POST /lapses} as validated: the customer, when they lapsed and what they were worth. */
public record LapseRequest(String source, String customerId, Instant lapsedAt, ValueTier valueTier) {
}

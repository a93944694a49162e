package dev.amends.intake.service;

import java.time.Instant;

/** {@code POST /returns} as validated. */
public record ReturnRequest(String source, String customerId, Instant returnedAt) {
}

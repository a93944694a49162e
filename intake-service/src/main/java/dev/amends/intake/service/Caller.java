package dev.amends.intake.service;

/** Who asks for a change (the JWT sub), with the request's Idempotency-Key (or null) and its hash. */
public record Caller(String client, String idempotencyKey, String requestHash) {
}

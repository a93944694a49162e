package dev.amends.intake.service;

/**
 * Who asks for a change: the client (JWT sub, which scopes its Idempotency-Keys) and the actor (the
 * principal's name), with the request's Idempotency-Key (or null) and its hash.
 */
public record Caller(String client, String actor, String idempotencyKey, String requestHash) {
}

package dev.amends.common.http;

import java.util.Optional;
import java.util.UUID;

/** Path ids: only the contract's form (lower-case, hyphenated UUID) names anything; anything else is unknown. */
public final class Ids {

    public static Optional<UUID> parse(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Ids() {
    }
}

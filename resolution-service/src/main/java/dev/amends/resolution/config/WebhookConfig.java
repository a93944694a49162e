package dev.amends.resolution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Webhook deliveries (contract section 10). */
@ConfigMapping(prefix = "amends.webhooks")
public interface WebhookConfig {

    /**
     * Whether subscriptions may use {@code http} and connect to loopback, link-local and private
     * addresses (AMENDS_WEBHOOKS_ALLOW_PRIVATE=true): the local stack's receivers are on loopback.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** How long one try waits for the receiver's answer. */
    @WithDefault("10s")
    Duration timeout();

    /** The waits after the first try and each retry; a delivery fails after the last. */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retries();

    /** A subscription with failures and no success for this long is disabled. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** How long deliveries are kept, delivered or not. */
    @WithDefault("P30D")
    Duration keep();

    /** How many tries to one subscription are in flight at once, over all replicas. */
    @WithDefault("8")
    int lanesPerSubscription();

    /** How many tries one replica has in flight at once. */
    @WithDefault("256")
    int inFlight();

    /** How long a replica holds a delivery it is trying; a crashed replica's are tried again after it. */
    @WithDefault("30s")
    Duration lease();

    /** How often a replica looks for due deliveries when it was not told of new ones (retries, other replicas' events). */
    @WithDefault("1s")
    Duration poll();
}

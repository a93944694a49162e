package dev.amends.resolution.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventType;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxConfig;
import dev.amends.resolution.config.WebhookConfig;
import dev.amends.resolution.repository.WebhookDelivery;
import dev.amends.resolution.repository.WebhookRepository;
import dev.amends.resolution.repository.WebhookSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The admin's side of webhooks: subscriptions, their secrets, and the delivery log with its
 * replays. Every change runs once per Idempotency-Key; the secret is shown only in the answer that
 * made it, so a replay answers without it.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    public static final String EVERY_TYPE = "*";
    public static final String TEST_TYPE = "dev.amends.webhook.test.v1";
    /** How long a rotated-out secret keeps signing beside the new one. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final Set<String> KNOWN_TYPES = Arrays.stream(EventType.values()).map(EventType::type)
            .collect(Collectors.toUnmodifiableSet());

    private final WebhookRepository webhooks;
    private final IdempotencyKeys idempotencyKeys;
    private final WebhookReplies replies;
    private final WebhookDispatcher dispatcher;
    private final DestinationRule rule;
    private final ObjectMapper mapper;
    private final String source;
    private final Clock clock;

    public WebhookSubscriptions(WebhookRepository webhooks, IdempotencyKeys idempotencyKeys, WebhookReplies replies,
                                WebhookDispatcher dispatcher, WebhookConfig config, OutboxConfig outbox, ObjectMapper mapper,
                                Clock clock) {
        this.webhooks = webhooks;
        this.idempotencyKeys = idempotencyKeys;
        this.replies = replies;
        this.dispatcher = dispatcher;
        this.rule = new DestinationRule(config.allowPrivate());
        this.mapper = mapper;
        this.source = outbox.source();
        this.clock = clock;
    }

    /** Who asks, with the Idempotency-Key (null: none) and the request's hash. */
    public record Caller(String actor, String client, String idempotencyKey, String requestHash) {
    }

    @Transactional
    public Answer subscribe(Caller caller, String url, List<String> eventTypes, String description) {
        rule.problem(url).ifPresent(problem -> {
            throw InvalidInputException.of("url", problem);
        });
        List<String> unknown = eventTypes.stream().filter(type -> !type.equals(EVERY_TYPE) && !KNOWN_TYPES.contains(type))
                .toList();
        if (!unknown.isEmpty()) {
            throw InvalidInputException.of("eventTypes", "unknown event types: " + String.join(", ", unknown));
        }
        String secret = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        return onceShowingSecret(caller, id, secret, () -> {
            WebhookSubscription subscription = new WebhookSubscription();
            subscription.id = id;
            subscription.url = url;
            subscription.eventTypes = List.copyOf(eventTypes);
            subscription.description = description;
            subscription.secret = secret;
            subscription.createdAt = Instants.truncate(clock.instant());
            subscription.createdBy = caller.actor();
            subscription.persist();
            return subscription;
        }, 201);
    }

    public Optional<WebhookSubscription> find(UUID id) {
        return webhooks.find(id);
    }

    public WebhookRepository.Page<WebhookSubscription> list(int page, int size) {
        return webhooks.subscriptions(page, size);
    }

    /** Deletes the subscription and its delivery log; tries in flight end unrecorded. */
    @Transactional
    public void delete(UUID id) {
        locked(id).delete();
    }

    /** A new secret; the current one keeps signing beside it for a day, and any older one stops. */
    @Transactional
    public Answer rotateSecret(Caller caller, UUID id) {
        String secret = WebhookSignature.newSecret();
        return onceShowingSecret(caller, id, secret, () -> {
            WebhookSubscription subscription = locked(id);
            subscription.rotate(secret, Instants.truncate(clock.instant()).plus(ROTATION_OVERLAP));
            return subscription;
        }, 200);
    }

    /** Enabled again after a 410 or days of failures; deliveries still pending go on. */
    @Transactional
    public Answer enable(Caller caller, UUID id) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            WebhookSubscription subscription = locked(id);
            subscription.enable();
            dispatcher.wake();
            return replies.subscription(200, subscription, null);
        });
    }

    /** A ping of type {@value #TEST_TYPE} (never on Kafka) delivered like any event: signed, retried, logged. */
    @Transactional
    public Answer test(Caller caller, UUID id) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            WebhookSubscription subscription = locked(id);
            Instant now = Instants.truncate(clock.instant());
            WebhookDelivery ping = new WebhookDelivery();
            ping.subscriptionId = subscription.id;
            ping.eventId = UUID.randomUUID();
            ping.eventType = TEST_TYPE;
            ping.payload = pingEvent(ping.eventId, subscription.id, caller.actor(), now);
            ping.state = WebhookDelivery.State.PENDING;
            ping.nextAttemptAt = now;
            ping.createdAt = now;
            ping.persist();
            dispatcher.wake();
            return replies.delivery(ping);
        });
    }

    /** The subscription's deliveries, newest first. */
    public WebhookRepository.Page<WebhookDelivery> deliveries(UUID id, int page, int size) {
        webhooks.find(id).orElseThrow(() -> noSubscription(id));
        return webhooks.deliveries(id, page, size);
    }

    /** Tries a delivery again now, on a new schedule, whatever became of it. */
    @Transactional
    public Answer retry(Caller caller, UUID id, UUID eventId) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            locked(id);
            WebhookDelivery delivery = webhooks.lockDelivery(id, eventId)
                    .orElseThrow(() -> new NotFoundException("No delivery of event " + eventId + " to webhook " + id + "."));
            delivery.retryNow(Instants.truncate(clock.instant()));
            dispatcher.wake();
            return replies.delivery(delivery);
        });
    }

    /** The answer with the secret the first time; what is stored for a replay has none. */
    private Answer onceShowingSecret(Caller caller, UUID id, String secret, Supplier<WebhookSubscription> change,
                                     int status) {
        Answer stored = idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(),
                () -> replies.subscription(status, change.get(), null));
        return stored.replayed() ? stored : replies.subscription(status, webhooks.find(id).orElseThrow(), secret);
    }

    private WebhookSubscription locked(UUID id) {
        return webhooks.lock(id).orElseThrow(() -> noSubscription(id));
    }

    private static NotFoundException noSubscription(UUID id) {
        return new NotFoundException("No webhook " + id + ".");
    }

    private String pingEvent(UUID eventId, UUID subscriptionId, String actor, Instant now) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", CloudEvent.SPEC_VERSION)
                .put("id", eventId.toString())
                .put("source", source)
                .put("type", TEST_TYPE)
                .put("subject", subscriptionId.toString())
                .put("time", Instants.format(now))
                .put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
        event.putObject("data").put("webhookId", subscriptionId.toString()).put("requestedBy", actor);
        return event.toString();
    }
}

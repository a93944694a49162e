package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.amends.common.http.Ids;
import dev.amends.common.http.Paging;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.security.Principals;
import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.resolution.repository.WebhookRepository;
import dev.amends.resolution.repository.WebhookSubscription;
import dev.amends.resolution.service.WebhookSubscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Principals.ADMIN)
@Tag(name = "webhooks", description = "Signed deliveries of events to the owners' tools (Standard Webhooks), "
        + "their subscriptions, secrets and delivery log.")
public class WebhookResource {

    private static final RequestSchema SUBSCRIPTION = RequestSchema.load("schemas/requests/create-webhook.json");
    private static final String ONE = "{id}";

    private final WebhookSubscriptions webhooks;
    private final JsonBodies bodies;
    private final JsonWebToken jwt;

    @Context
    UriInfo uri;

    public WebhookResource(WebhookSubscriptions webhooks, JsonBodies bodies, JsonWebToken jwt) {
        this.webhooks = webhooks;
        this.bodies = bodies;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to event types",
            description = "The answer alone shows the signing secret (whsec_ and base64 of 32 random bytes); "
                    + "a replay of the same Idempotency-Key answers without it.")
    @APIResponse(responseCode = "201", description = "The subscription, with its secret.",
            content = @Content(schema = @Schema(ref = "Webhook")))
    public Response create(@RequestBody(required = true, content = @Content(schema = @Schema(ref = "CreateWebhook")))
                           String body,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        JsonNode json = bodies.valid(SUBSCRIPTION, body);
        List<String> types = new ArrayList<>();
        json.get("eventTypes").forEach(type -> types.add(type.asText()));
        JsonNode description = json.path("description");
        return webhooks.subscribe(caller(idempotencyKey, json), json.get("url").asText(), types,
                description.isTextual() ? description.asText() : null).toResponse();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "Every subscription", description = "Oldest first.")
    @APIResponse(responseCode = "200", description = "One page of subscriptions.",
            content = @Content(schema = @Schema(ref = "WebhookList")))
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = paging(page, size);
        WebhookRepository.Page<WebhookSubscription> found = webhooks.list(paging.page(), paging.size());
        return paging.answer(found.items().stream().map(subscription -> WebhookView.of(subscription, null)).toList(),
                found.total(), uri).build();
    }

    @GET
    @Path(ONE)
    @Operation(operationId = "getWebhook", summary = "One subscription",
            description = "state ENABLED, or DISABLED with disabledReason GONE (the receiver answered 410) or "
                    + "FAILING (failures and no success for 5 days).")
    @APIResponse(responseCode = "200", description = "The subscription.",
            content = @Content(schema = @Schema(ref = "Webhook")))
    @APIResponse(responseCode = "404", description = "No such subscription.")
    public WebhookView get(@PathParam("id") String id) {
        return webhooks.find(subscription(id)).map(found -> WebhookView.of(found, null))
                .orElseThrow(() -> ProblemException.notFound("No webhook " + id + "."));
    }

    @DELETE
    @Path(ONE)
    @Operation(operationId = "deleteWebhook", summary = "Stop and forget a subscription",
            description = "Its delivery log goes with it.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No such subscription.")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(subscription(id));
        return Response.noContent().build();
    }

    @POST
    @Path(ONE + "/secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret",
            description = "For 24 hours deliveries carry two signatures, of the new secret and the old one, "
                    + "so the receiver can switch without missing one. Only this answer shows the new secret.")
    @APIResponse(responseCode = "200", description = "The subscription, with its new secret.",
            content = @Content(schema = @Schema(ref = "Webhook")))
    @APIResponse(responseCode = "404", description = "No such subscription.")
    public Response rotateSecret(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return webhooks.rotateSecret(caller(idempotencyKey), subscription(id)).toResponse();
    }

    @POST
    @Path(ONE + "/enable")
    @Operation(operationId = "enableWebhook", summary = "Deliver again to a disabled subscription",
            description = "Deliveries still pending go on; events published while it was disabled are not delivered.")
    @APIResponse(responseCode = "200", description = "The subscription.",
            content = @Content(schema = @Schema(ref = "Webhook")))
    @APIResponse(responseCode = "404", description = "No such subscription.")
    public Response enable(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return webhooks.enable(caller(idempotencyKey), subscription(id)).toResponse();
    }

    @POST
    @Path(ONE + "/test")
    @Operation(operationId = "testWebhook", summary = "Send a ping",
            description = "A CloudEvent of type dev.amends.webhook.test.v1 (never on Kafka), signed, retried and "
                    + "logged like any delivery.")
    @APIResponse(responseCode = "200", description = "The ping's delivery, about to be tried.",
            content = @Content(schema = @Schema(ref = "WebhookDelivery")))
    @APIResponse(responseCode = "404", description = "No such subscription.")
    public Response test(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return webhooks.test(caller(idempotencyKey), subscription(id)).toResponse();
    }

    @GET
    @Path(ONE + "/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log",
            description = "Newest first, kept 30 days: each event's attempts, last status code, duration and next try.")
    @APIResponse(responseCode = "200", description = "One page of deliveries.",
            content = @Content(schema = @Schema(ref = "WebhookDeliveryList")))
    @APIResponse(responseCode = "404", description = "No such subscription.")
    public Response deliveries(@PathParam("id") String id, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = paging(page, size);
        var found = webhooks.deliveries(subscription(id), paging.page(), paging.size());
        return paging.answer(found.items().stream().map(WebhookView.Delivery::of).toList(), found.total(), uri).build();
    }

    @POST
    @Path(ONE + "/deliveries/{eventId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Try a delivery again now",
            description = "Whatever became of it, on a new retry schedule; the same webhook-id.")
    @APIResponse(responseCode = "200", description = "The delivery, about to be tried.",
            content = @Content(schema = @Schema(ref = "WebhookDelivery")))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery.")
    public Response retry(@PathParam("id") String id, @PathParam("eventId") String eventId,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        UUID event = Ids.parse(eventId).orElseThrow(() -> ProblemException.notFound("No delivery of event " + eventId + "."));
        return webhooks.retry(caller(idempotencyKey), subscription(id), event).toResponse();
    }

    private static UUID subscription(String id) {
        return Ids.parse(id).orElseThrow(() -> ProblemException.notFound("No webhook " + id + "."));
    }

    private static Paging paging(String page, String size) {
        List<Violation> violations = new ArrayList<>();
        Paging paging = Paging.of(page, size, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return paging;
    }

    private WebhookSubscriptions.Caller caller(String idempotencyKey) {
        return caller(idempotencyKey, NullNode.getInstance());
    }

    private WebhookSubscriptions.Caller caller(String idempotencyKey, JsonNode body) {
        IdempotencyKeys.checkFormat(idempotencyKey);
        return new WebhookSubscriptions.Caller(Principals.actor(jwt), Principals.client(jwt), idempotencyKey,
                bodies.requestHash("POST", uri.getPath(), body));
    }
}

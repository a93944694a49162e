package dev.amends.common.openapi;

import dev.amends.common.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.List;

/** The shared parameters, headers and problem answers of contract section 2, as OpenAPI components. */
final class ApiParts {

    private ApiParts() {
    }

    static Parameter idempotencyKey() {
        return header("Idempotency-Key", false, string().minLength(1).maxLength(255),
                "Makes a retry safe. Scoped to the caller (the token's sub); the same key with the same body "
                        + "(SHA-256 of the canonical JSON) within 24 hours replays the first successful answer with "
                        + "Idempotency-Replayed: true; with another body it is 422, while the first request is still "
                        + "running 409. Only 2xx answers are kept. Without a key a retry is a new request.");
    }

    static Parameter ifMatch() {
        return header("If-Match", false, string().pattern("^(W/)?\"?[0-9]{1,18}\"?$"),
                "The case's version as its ETag, such as \"7\": the change is made only if the case is still at "
                        + "that version (else 412). Without it the change applies to any version.");
    }

    static Parameter page() {
        return OASFactory.createParameter().name("page").in(Parameter.In.QUERY)
                .description("0-based page; (page + 1) × size at most 1,000,000.")
                .schema(integer().minimum(BigDecimal.ZERO).defaultValue(0));
    }

    static Parameter size() {
        return OASFactory.createParameter().name("size").in(Parameter.In.QUERY)
                .description("Items per page.")
                .schema(integer().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(500)).defaultValue(50));
    }

    /** A list's window (contract section 2): an instant, from inclusive and to exclusive, unless the operation says more. */
    static void window(Parameter parameter) {
        if (parameter.getDescription() == null) {
            parameter.setDescription(parameter.getName().equals("from")
                    ? "reportedAt at or after this instant." : "reportedAt before this instant.");
        }
        parameter.setSchema(string().format("date-time"));
    }

    private static Parameter header(String name, boolean required, Schema schema, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(required)
                .description(description).schema(schema);
    }

    static Header location() {
        return header("Where the new item is, such as /incidents/{id}.", string().format("uri-reference")).required(true);
    }

    static Header etag() {
        return header("The case's version in quotes, such as \"7\": send it back as If-Match or If-None-Match.",
                string().pattern("^\"[0-9]{1,18}\"$")).required(true);
    }

    static Header idempotencyReplayed() {
        return header("true when this is the stored answer of an earlier request with the same Idempotency-Key.",
                string().enumeration(List.of("true")));
    }

    static Header totalCount() {
        return header("How many items match the filters, on every page.", integer().minimum(BigDecimal.ZERO)).required(true);
    }

    static Header link() {
        return header("RFC 8288 links to the next and previous pages (rel=\"next\", rel=\"prev\").", string());
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    static APIResponse unauthorized() {
        return problem("No token, or a token that is expired, not signed by the identity provider or of another issuer.")
                .addHeader("WWW-Authenticate", header("Bearer", string()));
    }

    static APIResponse forbidden() {
        return problem("The token's roles do not allow this operation.");
    }

    static APIResponse badRequest() {
        return problem("Bad input: malformed JSON, a wrong type, an unknown enum value or property, a missing or too "
                + "long field, a bad query parameter or header. violations names every bad field. Nothing is stored.");
    }

    static APIResponse payloadTooLarge() {
        return problem("The body is over 64 KiB (with Content-Length or chunked).");
    }

    static APIResponse unsupportedMediaType() {
        return problem("The body is not application/json.");
    }

    static APIResponse inFlight() {
        return problem("A request with the same Idempotency-Key is still being processed.");
    }

    static APIResponse idempotencyKeyReused() {
        return problem("The Idempotency-Key was used before with a different body.");
    }

    static APIResponse preconditionFailed() {
        return problem("If-Match does not name the case's current version: read it again and retry.");
    }

    static APIResponse unavailable() {
        return problem("The service's database is unavailable; nothing was stored. Retry after Retry-After seconds.")
                .addHeader("Retry-After", header("Seconds to wait before retrying.", integer().minimum(BigDecimal.ZERO)));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
    }
}

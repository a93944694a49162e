package dev.amends.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's OpenAPI document as it serves it at {@code /q/openapi}, used to check real answers:
 * the document must declare the answer's status for the operation, its content type, every
 * required header, and the body must match the declared schema.
 */
public final class ApiDocument {

    private static final String BASE = "https://amends.dev/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final Set<String> described = new TreeSet<>();

    private ApiDocument(String json) {
        this.document = read(json);
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE, json)));
    }

    /** The document the application under test serves. */
    public static ApiDocument served() {
        return new ApiDocument(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    public JsonNode json() {
        return document;
    }

    /** Fails unless the document describes this answer of {@code method pathTemplate}, such as {@code POST /incidents}. */
    public Response assertDescribes(String method, String pathTemplate, Response answer) {
        String where = method + " " + pathTemplate + " " + answer.statusCode();
        described.add(method.toUpperCase(Locale.ROOT) + " " + pathTemplate);
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s is in the document", method + " " + pathTemplate).isFalse();
        String status = Integer.toString(answer.statusCode());
        JsonNode declared = operation.path("responses").path(status);
        assertThat(declared.isMissingNode()).as("%s is declared", where).isFalse();
        String pointer = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        if (declared.has("$ref")) {
            pointer = declared.get("$ref").asText().substring(1);
            declared = document.at(pointer);
        }
        for (Iterator<Map.Entry<String, JsonNode>> headers = declared.path("headers").fields(); headers.hasNext(); ) {
            Map.Entry<String, JsonNode> header = headers.next();
            JsonNode definition = header.getValue().has("$ref")
                    ? document.at(header.getValue().get("$ref").asText().substring(1)) : header.getValue();
            if (definition.path("required").asBoolean(false)) {
                assertThat(answer.header(header.getKey())).as("%s has the header %s", where, header.getKey()).isNotNull();
            }
        }
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(answer.asByteArray()).as("%s has no body", where).isEmpty();
            return answer;
        }
        String mediaType = answer.contentType().replaceFirst(";.*$", "").trim();
        assertThat(content.has(mediaType)).as("%s declares the content type %s", where, mediaType).isTrue();
        if (!mediaType.endsWith("json")) {
            return answer;
        }
        String schema = BASE + "#" + pointer + "/content/" + escape(mediaType) + "/schema";
        List<String> errors = new ArrayList<>();
        schemas.getSchema(SchemaLocation.of(schema)).validate(answer.asString(), InputFormat.JSON)
                .forEach(error -> errors.add(error.toString()));
        assertThat(errors).as("%s matches its schema: %s", where, answer.asString()).isEmpty();
        List<String> undocumented = new ArrayList<>();
        undocumentedFields(read(answer.asString()), document.at(pointer + "/content/" + escape(mediaType) + "/schema"), "",
                undocumented);
        assertThat(undocumented).as("%s fields the schema does not name", where).isEmpty();
        return answer;
    }

    /** Answer fields the schema leaves out: schemas stay open for compatibility, but the document must name every field. */
    private void undocumentedFields(JsonNode value, JsonNode schema, String path, List<String> undocumented) {
        while (schema.has("$ref")) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        if (value.isObject() && schema.has("properties")) {
            JsonNode properties = schema.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    undocumentedFields(field.getValue(), properties.get(field.getKey()), path + "/" + field.getKey(), undocumented);
                } else {
                    undocumented.add(path + "/" + field.getKey());
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undocumentedFields(value.get(i), schema.get("items"), path + "/" + i, undocumented);
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    /** Fails unless every operation of the document had an answer checked, so a new one cannot go unchecked. */
    public void assertEveryOperationChecked() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(described).as("operations with a checked answer").containsAll(operations);
    }
}

package dev.amends.common.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Request bodies: strict parsing and the canonical hash idempotency compares. */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper mapper;
    private final ObjectReader strictReader;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strictReader = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Parses a JSON body; malformed JSON (or a duplicate key) is a 400 problem. */
    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("The body is empty; a JSON object is required.");
        }
        try {
            JsonNode node = strictReader.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.badRequest("The body is empty; a JSON object is required.");
            }
            return node;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw ProblemException.badRequest("The body is not valid JSON"
                    + (location == null ? "." : " (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")."));
        }
    }

    /** Parses a JSON body and holds it to {@code schema}: a 400 problem naming every bad field, else the body. */
    public JsonNode valid(RequestSchema schema, String body) {
        JsonNode json = parse(body);
        var violations = schema.violations(body);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return json;
    }

    /**
     * What idempotency compares: SHA-256 of the request's method and path and the canonical JSON
     * of its body (key order and white space do not change it), so one key cannot replay the
     * answer of another endpoint.
     */
    public String requestHash(String method, String path, JsonNode body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + " " + path + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(mapper.writeValueAsBytes(canonical(body))));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same hash as {@link #requestHash} of a JSON array, computed element by element as a bulk
     * body is read, so the array never has to be held whole.
     */
    public ArrayHash arrayHash(String method, String path) {
        return new ArrayHash(method, path);
    }

    /** {@link #arrayHash}: add each element in order, then {@link #finish}. */
    public final class ArrayHash {

        private final MessageDigest sha256;
        private boolean first = true;

        private ArrayHash(String method, String path) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            sha256.update((method + " " + path + "\n[").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public void add(JsonNode element) {
            if (!first) {
                sha256.update((byte) ',');
            }
            first = false;
            try {
                sha256.update(mapper.writeValueAsBytes(canonical(element)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        public String finish() {
            sha256.update((byte) ']');
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    private JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            ObjectNode result = mapper.createObjectNode();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            var result = mapper.createArrayNode();
            node.forEach(element -> result.add(canonical(element)));
            return result;
        }
        return node;
    }
}

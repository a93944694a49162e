package dev.amends.common.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A JSON Schema property in words for the catalogue: "string (uuid) or null", "one of LOW, MEDIUM". */
final class FieldTypes {

    private static final String UUID_PATTERN_START = "^[0-9a-f]{8}-[0-9a-f]{4}-";

    private FieldTypes() {
    }

    static String describe(JsonNode property) {
        List<String> values = new ArrayList<>();
        boolean nullable = false;
        if (property.has("const")) {
            return "always " + property.get("const").asText();
        }
        if (property.has("enum")) {
            for (JsonNode value : property.get("enum")) {
                if (value.isNull()) {
                    nullable = true;
                } else {
                    values.add(value.asText());
                }
            }
            return "one of " + String.join(", ", values) + (nullable ? ", or null" : "");
        }
        JsonNode type = property.path("type");
        List<String> types = new ArrayList<>();
        for (JsonNode each : type.isArray() ? type : List.of(type)) {
            if (each.asText().equals("null")) {
                nullable = true;
            } else if (!each.isMissingNode()) {
                types.add(each.asText());
            }
        }
        String words = types.isEmpty() ? "any" : String.join(" or ", types);
        if (property.path("pattern").asText().startsWith(UUID_PATTERN_START)) {
            words += " (UUID)";
        } else if (property.has("format")) {
            words += " (" + property.get("format").asText() + ")";
        } else if (property.has("pattern")) {
            words += " matching " + property.get("pattern").asText();
        }
        if (property.has("items")) {
            words += " of " + describe(property.get("items"));
        }
        return nullable ? words + " or null" : words;
    }
}

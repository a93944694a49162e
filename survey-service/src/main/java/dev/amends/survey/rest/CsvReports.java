package dev.amends.survey.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as CSV (contract section 11, {@code Accept: text/csv}): a header row, then one row per
 * group (of a series: per point and group, the point's {@code start} first), with the JSON's names; nested parts are flattened with dots, a list of parts by the value
 * that names each ({@code byVerdict.YES.lapseRate}). A cell a spreadsheet would read as a formula
 * (starting with =, +, - or @) is prefixed with an apostrophe.
 */
@Provider
@Produces(CsvReports.TEXT_CSV)
public class CsvReports implements MessageBodyWriter<Object> {

    public static final String TEXT_CSV = "text/csv";

    private final ObjectMapper json;

    public CsvReports(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && Arrays.stream(type.getRecordComponents())
                .anyMatch(part -> part.getName().equals("groups") || part.getName().equals("points"));
    }

    @Override
    public void writeTo(Object report, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        JsonNode tree = json.valueToTree(report);
        if (tree.has("points")) {
            for (JsonNode point : tree.path("points")) {
                groupRows(point.path("groups"), Map.of("start", point.path("start").asText()), rows);
            }
        } else {
            groupRows(tree.path("groups"), Map.of(), rows);
        }
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(row -> names.addAll(row.keySet()));
        StringBuilder csv = new StringBuilder();
        line(csv, new ArrayList<>(names));
        for (Map<String, String> row : rows) {
            line(csv, names.stream().map(name -> row.getOrDefault(name, "")).toList());
        }
        out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One row per group, after the cells every row of them shares (a series point's start). */
    private static void groupRows(JsonNode groups, Map<String, String> shared, List<Map<String, String>> rows) {
        for (JsonNode group : groups) {
            Map<String, String> row = new LinkedHashMap<>(shared);
            flatten("", group, row);
            rows.add(row);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix + field.getKey() + ".", field.getValue(), row));
        } else if (node.isArray()) {
            for (JsonNode part : node) {
                // Each part is named by its first field (the verdict, the comparedToBefore), which is not repeated.
                var fields = part.fields();
                if (!fields.hasNext()) {
                    continue;
                }
                String name = prefix + fields.next().getValue().asText() + ".";
                fields.forEachRemaining(field -> flatten(name + field.getKey() + ".", field.getValue(), row));
            }
        } else {
            row.put(prefix.substring(0, prefix.length() - 1), node.isNull() ? "" : node.asText());
        }
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}

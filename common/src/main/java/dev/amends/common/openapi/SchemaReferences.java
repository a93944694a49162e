package dev.amends.common.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The schema components an OpenAPI document's operations, and a schema, refer to by name. */
final class SchemaReferences {

    private static final String PREFIX = "#/components/schemas/";

    private SchemaReferences() {
    }

    static List<String> inOperations(OpenAPI api) {
        List<String> names = new ArrayList<>();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                names.addAll(in(operation.getRequestBody().getContent()));
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> names.addAll(in(parameter.getSchema())));
            }
            operation.getResponses().getAPIResponses().values().forEach(answer -> names.addAll(in(answer.getContent())));
        }));
        if (api.getComponents().getResponses() != null) {
            api.getComponents().getResponses().values().forEach(answer -> names.addAll(in(answer.getContent())));
        }
        if (api.getComponents().getParameters() != null) {
            api.getComponents().getParameters().values().forEach(parameter -> names.addAll(in(parameter.getSchema())));
        }
        return names;
    }

    private static List<String> in(Content content) {
        List<String> names = new ArrayList<>();
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> names.addAll(in(media.getSchema())));
        }
        return names;
    }

    static List<String> in(Schema schema) {
        List<String> names = new ArrayList<>();
        collect(schema, names);
        return names;
    }

    private static void collect(Object value, List<String> names) {
        if (value instanceof Schema schema) {
            if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
                names.add(schema.getRef().substring(PREFIX.length()));
            }
            schema.getAll().values().forEach(keyword -> collect(keyword, names));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, names));
        } else if (value instanceof Collection<?> list) {
            list.forEach(item -> collect(item, names));
        }
    }
}

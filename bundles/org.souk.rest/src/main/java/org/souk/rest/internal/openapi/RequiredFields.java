package org.souk.rest.internal.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Build time only: what the API answers always carries every field (its JSON writer writes {@code null}s
 * too, and {@link NullableModelConverter} says which may be {@code null}), so every property of a schema
 * reached from an answer is required, unless the schema lists its required fields itself. Request bodies keep
 * what their records declare.
 */
final class RequiredFields {

    private static final String COMPONENT = "#/components/schemas/";

    private RequiredFields() {
    }

    /** {@code alsoAnswered}: schemas answered outside a response's content (the data of live events). */
    static void apply(OpenAPI openAPI, Collection<String> alsoAnswered) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> answered = new HashSet<>();
        Content extra = new Content();
        alsoAnswered.forEach(name -> extra.addMediaType(name, new MediaType().schema(new Schema<>().$ref(COMPONENT + name))));
        reach(extra, schemas, answered);
        Set<String> asked = new HashSet<>();
        for (PathItem path : openAPI.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                if (operation.getRequestBody() != null) {
                    reach(operation.getRequestBody().getContent(), schemas, asked);
                }
                if (operation.getResponses() != null) {
                    for (ApiResponse response : operation.getResponses().values()) {
                        reach(response.getContent(), schemas, answered);
                    }
                }
            }
        }
        for (String name : answered) {
            Schema<?> schema = schemas.get(name);
            // A schema that lists its required fields itself (a problem: its extension members come and go) keeps them.
            if (!asked.contains(name) && schema.getRequired() == null && schema.getProperties() != null
                    && !schema.getProperties().isEmpty()) {
                if (schema.getProperties().containsKey(null)) {
                    throw new IllegalStateException("a property without a name in " + name + ": " + schema.getProperties().get(null));
                }
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    /** A request body with a field it requires is itself required: the API refuses a request without one. */
    static void requireBodies(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        for (PathItem path : openAPI.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                    continue;
                }
                for (MediaType media : operation.getRequestBody().getContent().values()) {
                    Schema<?> schema = media.getSchema();
                    if (schema != null && schema.get$ref() != null) {
                        schema = schemas.get(schema.get$ref().substring(COMPONENT.length()));
                    }
                    if (schema != null && schema.getRequired() != null && !schema.getRequired().isEmpty()) {
                        operation.getRequestBody().setRequired(true);
                    }
                }
            }
        }
    }

    private static void reach(Content content, Map<String, Schema> schemas, Set<String> into) {
        if (content == null) {
            return;
        }
        Deque<Schema<?>> todo = new ArrayDeque<>();
        for (MediaType media : content.values()) {
            if (media.getSchema() != null) {
                todo.add(media.getSchema());
            }
        }
        while (!todo.isEmpty()) {
            Schema<?> schema = todo.pop();
            String ref = schema.get$ref();
            if (ref != null) {
                String name = ref.substring(COMPONENT.length());
                if (into.add(name) && schemas.containsKey(name)) {
                    todo.add(schemas.get(name));
                }
                continue;
            }
            List<Schema> parts = new ArrayList<>();
            if (schema.getProperties() != null) {
                parts.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                parts.add(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                parts.add(values);
            }
            for (List<Schema> group : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
                parts.addAll(group);
            }
            parts.forEach(p -> todo.add((Schema<?>) p));
        }
    }

    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }
}

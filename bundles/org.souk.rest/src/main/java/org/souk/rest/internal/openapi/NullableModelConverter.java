package org.souk.rest.internal.openapi;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.souk.common.api.Nullable;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Build time only (the swagger-maven-plugin applies it; it is not packaged): a record component marked
 * {@link Nullable} becomes a property that may be {@code null} in the description, as the API's JSON writes
 * it. Every other property is always present and never null; {@link OpenApiBuildFilter} lists them as
 * required in what the API answers.
 */
public class NullableModelConverter implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> resolved = chain.next().resolve(type, context, chain);
        if (resolved == null || type.getType() == null) {
            return resolved;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (!raw.isRecord()) {
            return resolved;
        }
        Schema<?> model = resolved;
        if (resolved.get$ref() != null) {
            String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
            model = context.getDefinedModels().get(name);
        }
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Schema> properties = (Map) model.getProperties();
        for (RecordComponent component : raw.getRecordComponents()) {
            Schema<?> property = properties.get(component.getName());
            if (property != null && component.isAnnotationPresent(Nullable.class)) {
                properties.put(component.getName(), orNull(property));
            }
        }
        return resolved;
    }

    /** The property, or null: a plain type gains {@code "null"}; a reference or an enum becomes one of both. */
    static Schema<?> orNull(Schema<?> property) {
        if (isNullable(property)) {
            return property;
        }
        if (property.get$ref() == null && property.getEnum() == null && property.getAnyOf() == null
                && property.getOneOf() == null && property.getAllOf() == null) {
            Set<String> types = new LinkedHashSet<>();
            if (property.getTypes() != null) {
                types.addAll(property.getTypes());
            } else if (property.getType() != null) {
                types.add(property.getType());
            }
            if (!types.isEmpty()) {
                types.add("null");
                property.setTypes(types);
                property.setType(null);
                return property;
            }
        }
        Schema<?> either = new Schema<>();
        either.setName(property.getName()); // what @JsonUnwrapped copies the property under
        either.setDescription(property.getDescription());
        property.setDescription(null);
        either.setAnyOf(List.of(property, new Schema<>().types(new LinkedHashSet<>(List.of("null")))));
        return either;
    }

    static boolean isNullable(Schema<?> property) {
        if (property.getTypes() != null && property.getTypes().contains("null")) {
            return true;
        }
        return property.getAnyOf() != null && property.getAnyOf().stream()
                .anyMatch(s -> s.getTypes() != null && s.getTypes().equals(Set.of("null")));
    }
}

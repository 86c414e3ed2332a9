package org.souk.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.souk.common.api.Money;
import org.souk.ledger.api.SignedMoney;
import org.souk.rest.internal.http.BodyTooLargeException;
import org.souk.rest.internal.problem.ProblemMapper;
import org.souk.rest.internal.problem.Problems;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * JSON for the Souk application: ISO-8601 instants, money as {@code {"amount":"250.00","currency":"MAD",
 * "minor":25000}}, unknown request fields refused so that a typo is an error and not a silent default.
 * Requests are read within bounds (nesting depth, number and name lengths) and a fraction is never taken
 * for a whole number, nor a string for a number or a yes/no.
 */
@Component(service = {javax.ws.rs.ext.MessageBodyReader.class, javax.ws.rs.ext.MessageBodyWriter.class})
@JaxrsExtension
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Produces({MediaType.APPLICATION_JSON, Problems.PROBLEM_JSON})
@Consumes({MediaType.APPLICATION_JSON, "text/json", "*/*"})
public class SoukJsonProvider extends JacksonJsonProvider {

    /** Deepest nesting of a request body; Souk's own bodies need four levels. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest number literal read, in characters: an amount is at most 40. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest field name read, in characters. */
    public static final int MAX_NAME_LENGTH = 256;

    public static final ObjectMapper MAPPER = mapper();

    public SoukJsonProvider() {
        super(MAPPER);
    }

    static ObjectMapper mapper() {
        SimpleModule money = new SimpleModule("souk-money");
        money.addSerializer(Money.class, new StdSerializer<>(Money.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartObject();
                gen.writeStringField("amount", value.toDecimalString());
                gen.writeStringField("currency", value.currency());
                gen.writeNumberField("minor", value.minor());
                gen.writeEndObject();
            }
        });
        // A ledger amount may be negative (money out of an account); it reads like any other amount.
        money.addSerializer(SignedMoney.class, new StdSerializer<>(SignedMoney.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(SignedMoney value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartObject();
                gen.writeStringField("amount", value.toDecimalString());
                gen.writeStringField("currency", value.currency());
                gen.writeNumberField("minor", value.minor());
                gen.writeEndObject();
            }
        });
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(money)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // A whole number or a yes/no is sent as one: "3" for 3 or "true" for true is refused, as the API
        // description types them. Amounts stay readable from decimal strings (they are read as text).
        for (LogicalType strict : List.of(LogicalType.Integer, LogicalType.Boolean)) {
            mapper.coercionConfigFor(strict).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A body cut off by the size limit is a 413, whatever Jackson wrapped around it. */
    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        try {
            return super.readFrom(type, genericType, annotations, mediaType, httpHeaders, entityStream);
        } catch (IOException | RuntimeException e) {
            BodyTooLargeException tooLarge = ProblemMapper.find(e, BodyTooLargeException.class);
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw e;
        }
    }
}

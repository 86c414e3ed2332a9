package org.souk.rest.internal;

import java.io.IOException;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.souk.common.api.Money;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * JSON for the Souk application: ISO-8601 instants, money as {@code {"amount":"250.00","currency":"MAD",
 * "minor":25000}}, unknown request fields refused so that a typo is an error and not a silent default.
 */
@Component(service = {javax.ws.rs.ext.MessageBodyReader.class, javax.ws.rs.ext.MessageBodyWriter.class})
@JaxrsExtension
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Produces({MediaType.APPLICATION_JSON, Problems.PROBLEM_JSON})
@Consumes({MediaType.APPLICATION_JSON, "text/json", "*/*"})
public class SoukJsonProvider extends JacksonJsonProvider {

    static final ObjectMapper MAPPER = mapper();

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
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(money)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}

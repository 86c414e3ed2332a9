package org.souk.rest.internal.resource.payment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.WebhookOutcome;
import org.souk.rest.internal.SoukApplication;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Gateways' notifications. No bearer token: the provider verifies the signature over the exact body
 * bytes, which is why the body is taken raw. 401 only for a missing or bad signature, 503 while the provider
 * is not deployed (the gateway retries), 400 {@code validation} naming the body's field for a signed body
 * that is no event its provider can read (not JSON, an event Souk acts on without a field it needs), 200
 * otherwise: duplicates, and verified events about nothing Souk tracks (another event type, another shop's
 * payment), which are {@code IGNORED}; a gateway switches off an endpoint that keeps failing.
 */
@Component(service = WebhooksResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("webhooks")
@Tag(name = "webhooks", description = "Payment gateways' notifications, authenticated by their signature")
public class WebhooksResource {

    private static final int MAX_BODY = 256 * 1024;

    public record Receipt(String outcome) {
    }

    private final PaymentService payments;

    @Activate
    public WebhooksResource(@Reference PaymentService payments) {
        this.payments = payments;
    }

    @POST
    @Path("{provider}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveWebhook", summary = "A gateway's notification (no token: the provider verifies its signature)")
    public Receipt receive(@PathParam("provider") String provider, @Context HttpHeaders headers, InputStream in)
            throws IOException {
        // Read at most one byte past the limit: an unauthenticated endpoint must not buffer whatever it is sent.
        byte[] body = in == null ? new byte[0] : in.readNBytes(MAX_BODY + 1);
        if (body.length == 0 || body.length > MAX_BODY) {
            throw new org.souk.common.api.ValidationException("body", "a webhook body of 1 byte to 256 KiB is required");
        }
        WebhookOutcome outcome = payments.handleWebhook(provider, Map.copyOf(headers.getRequestHeaders()), body);
        return new Receipt(outcome.name());
    }
}

package org.souk.rest.internal.resource.order;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.common.api.Caller;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderService;
import org.souk.order.api.RequestKind;
import org.souk.payment.api.Cancellation;
import org.souk.payment.api.PaymentService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.AnswerBody;
import org.souk.rest.internal.resource.MoneyBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A mutual cancellation of a paid order: either side asks, proposing the refund; the other side accepts
 * or declines; the side that asked may withdraw. Accepting moves money, so it goes through the payment
 * service. (A root resource per request kind: under a bare {@code orders/{id}} it would hide the order
 * resource's own sub-paths.)
 */
@Component(service = CancellationRequestResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders/{id}/cancellation-request")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "order requests", description = "Mutual cancellations and deadline extensions: one side asks, the other answers")
public class CancellationRequestResource {

    /** {@code refund}: what the client gets back; omitted, the whole total. {@code currency} defaults to the order's. */
    public record CancellationRequestBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason, MoneyBody refund) {
    }

    private final OrderService orders;
    private final PaymentService payments;

    @Activate
    public CancellationRequestResource(@Reference OrderService orders, @Reference PaymentService payments) {
        this.orders = orders;
        this.payments = payments;
    }

    @POST
    @Operation(operationId = "requestCancellation", summary = "Ask the other side to cancel the order, proposing a refund",
            responses = @ApiResponse(responseCode = "201", description = "The open request",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderRequest.class))))
    public Response request(@Context SecurityContext security, @PathParam("id") String id, CancellationRequestBody body) {
        if (body == null) {
            throw new ValidationException("reason", "say why");
        }
        Caller caller = CallerSecurityContext.of(security);
        OrderRequest request = orders.requestCancellation(caller, id, body.reason(),
                body.refund() == null ? null : body.refund().toMoney("refund", () -> orders.summary(caller, id).total().currency()));
        return Response.created(URI.create("orders/" + id + "/cancellation-request"))
                .entity(request).build();
    }

    @GET
    @Operation(operationId = "getCancellationRequest", summary = "The order's latest cancellation request")
    public OrderRequest latest(@Context SecurityContext security, @PathParam("id") String id) {
        return orders.latestRequest(CallerSecurityContext.of(security), id, RequestKind.CANCELLATION);
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "acceptCancellation", summary = "Accept the cancellation: the order is cancelled and refunded")
    public Cancellation accept(@Context SecurityContext security, @PathParam("id") String id,
            @RequestBody(required = false, description = "An optional note for the other side", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerBody.class))) String body) {
        return payments.acceptCancellation(CallerSecurityContext.of(security), id, AnswerBody.note(body));
    }

    @POST
    @Path("decline")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "declineCancellation", summary = "Decline the cancellation request")
    public OrderRequest decline(@Context SecurityContext security, @PathParam("id") String id,
            @RequestBody(required = false, description = "An optional note for the other side", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerBody.class))) String body) {
        return orders.declineRequest(CallerSecurityContext.of(security), id, RequestKind.CANCELLATION, AnswerBody.note(body));
    }

    @POST
    @Path("withdraw")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "withdrawCancellation", summary = "Withdraw one's own cancellation request")
    public OrderRequest withdraw(@Context SecurityContext security, @PathParam("id") String id) {
        return orders.withdrawRequest(CallerSecurityContext.of(security), id, RequestKind.CANCELLATION);
    }
}

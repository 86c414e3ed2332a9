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
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Nullable;
import org.souk.common.api.ValidationException;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeService;
import org.souk.order.api.OrderService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.MoneyBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Either side of a paid order asks an administrator to decide it. (A root resource of its own: under a bare
 * {@code orders/{id}} it would hide the order resource's own sub-paths.)
 */
@Component(service = OrderDisputeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders/{id}/dispute")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "disputes", description = "Either side asks an administrator to decide a paid order; administrators decide")
public class OrderDisputeResource {

    /** What the side asks the administrator for: {@code refund} for the client, omitted if it does not say. */
    public record Outcome(@Nullable MoneyBody refund) {
    }

    public record DisputeBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason, Outcome outcome) {
    }

    private final DisputeService disputes;
    private final OrderService orders;

    @Activate
    public OrderDisputeResource(@Reference DisputeService disputes, @Reference OrderService orders) {
        this.disputes = disputes;
        this.orders = orders;
    }

    @POST
    @Operation(operationId = "openDispute", summary = "Open a dispute: the order's timers stop until an administrator decides",
            responses = @ApiResponse(responseCode = "201", description = "The open dispute, with its id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dispute.class))))
    public Response open(@Context SecurityContext security, @PathParam("id") String id, DisputeBody body) {
        if (body == null) {
            throw new ValidationException("reason", "say what the dispute is about");
        }
        Caller caller = CallerSecurityContext.of(security);
        MoneyBody refund = body.outcome() == null ? null : body.outcome().refund();
        Dispute dispute = disputes.open(caller, id, body.reason(), refund == null ? null
                : refund.toMoney("outcome.refund", () -> orders.summary(caller, id).total().currency()));
        return Response.created(URI.create("disputes/" + dispute.id())).entity(dispute).build();
    }

    @GET
    @Operation(operationId = "getOrderDispute", summary = "The order's latest dispute, open or decided")
    public Dispute latest(@Context SecurityContext security, @PathParam("id") String id) {
        Dispute dispute = disputes.latestOfOrder(CallerSecurityContext.of(security), id);
        if (dispute == null) {
            throw new NotFoundException("Order " + id + " was never disputed");
        }
        return dispute;
    }
}

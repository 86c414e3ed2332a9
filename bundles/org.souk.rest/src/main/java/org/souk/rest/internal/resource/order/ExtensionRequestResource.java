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
import org.souk.common.api.ValidationException;
import org.souk.order.api.Order;
import org.souk.order.api.OrderLimits;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderService;
import org.souk.order.api.RequestKind;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.AnswerBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** More days to deliver: the freelancer asks while working, the client accepts (the due date moves) or declines. */
@Component(service = ExtensionRequestResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders/{id}/extension-request")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "order requests")
public class ExtensionRequestResource {

    /** {@code days}: 1 to 30 more days to deliver. */
    public record ExtensionRequestBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "30") Integer days, String reason) {
    }

    private final OrderService orders;

    @Activate
    public ExtensionRequestResource(@Reference OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Operation(operationId = "requestExtension", summary = "Ask the client for more days to deliver (its freelancer)",
            responses = @ApiResponse(responseCode = "201", description = "The open request",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderRequest.class))))
    public Response request(@Context SecurityContext security, @PathParam("id") String id, ExtensionRequestBody body) {
        if (body == null || body.days() == null) {
            throw new ValidationException("days", "is required: 1 to " + OrderLimits.MAX_EXTENSION_DAYS);
        }
        OrderRequest request = orders.requestExtension(CallerSecurityContext.of(security), id, body.days(), body.reason());
        return Response.created(URI.create("orders/" + id + "/extension-request"))
                .entity(request).build();
    }

    @GET
    @Operation(operationId = "getExtensionRequest", summary = "The order's latest extension request")
    public OrderRequest latest(@Context SecurityContext security, @PathParam("id") String id) {
        return orders.latestRequest(CallerSecurityContext.of(security), id, RequestKind.EXTENSION);
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "acceptExtension", summary = "Accept the extension: the due date moves")
    public Order accept(@Context SecurityContext security, @PathParam("id") String id,
            @RequestBody(required = false, description = "An optional note for the other side", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerBody.class))) String body) {
        return orders.acceptExtension(CallerSecurityContext.of(security), id, AnswerBody.note(body));
    }

    @POST
    @Path("decline")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "declineExtension", summary = "Decline the extension request")
    public OrderRequest decline(@Context SecurityContext security, @PathParam("id") String id,
            @RequestBody(required = false, description = "An optional note for the other side", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerBody.class))) String body) {
        return orders.declineRequest(CallerSecurityContext.of(security), id, RequestKind.EXTENSION, AnswerBody.note(body));
    }

    @POST
    @Path("withdraw")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "withdrawExtension", summary = "Withdraw one's own extension request")
    public OrderRequest withdraw(@Context SecurityContext security, @PathParam("id") String id) {
        return orders.withdrawRequest(CallerSecurityContext.of(security), id, RequestKind.EXTENSION);
    }
}

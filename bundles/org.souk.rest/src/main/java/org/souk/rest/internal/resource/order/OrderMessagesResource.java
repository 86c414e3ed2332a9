package org.souk.rest.internal.resource.order;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.common.api.Nullable;
import org.souk.common.api.Page;
import org.souk.message.api.Attachment;
import org.souk.message.api.Message;
import org.souk.message.api.MessageDraft;
import org.souk.message.api.MessageService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The message thread of an order between its client and its freelancer: they write, they and administrators
 * read, and to anyone else the order is not found.
 */
@Component(service = OrderMessagesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders/{id}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "messages", description = "The message thread of an order between its client and its freelancer")
public class OrderMessagesResource {

    /** {@code body}: 1 to 4000 characters; {@code attachments}: up to 10 references to stored files. */
    public record MessageBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String body, List<Attachment> attachments) {
    }

    /** A page of the thread, newest first; {@code next} asks for older messages ({@code ?after=<next>}). */
    public record MessagePage(List<Message> items, int limit, @Nullable String next) {
    }

    private final MessageService messages;

    @Activate
    public OrderMessagesResource(@Reference MessageService messages) {
        this.messages = messages;
    }

    @GET
    @Operation(operationId = "listOrderMessages", summary = "The order's messages, newest first, by cursor (?after=<next>)")
    public MessagePage thread(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("after") String after, @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        int size = Params.integer(limit, "limit", 20, 1, Page.MAX_LIMIT);
        Page<Message> page = messages.thread(CallerSecurityContext.of(security), id, after, size);
        return new MessagePage(page.items(), page.limit(), page.next());
    }

    @POST
    @Operation(operationId = "sendOrderMessage", summary = "Write to the other side of the order (its client or freelancer)",
            responses = @ApiResponse(responseCode = "201", description = "The message as stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Message.class))))
    public Response send(@Context SecurityContext security, @PathParam("id") String id, MessageBody body) {
        Message sent = messages.send(CallerSecurityContext.of(security), id,
                body == null ? null : new MessageDraft(body.body(), body.attachments()));
        return Response.status(Response.Status.CREATED).entity(sent).build();
    }
}

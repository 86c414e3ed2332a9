package org.souk.rest.internal.live;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's live events as Server-Sent Events: their notifications ({@code event: notification}) and the
 * transitions of their orders ({@code event: order}). Resumable: each event's id is where the stream was, and
 * a client that comes back with it ({@code Last-Event-ID}, or {@code ?lastEventId=} for a new EventSource)
 * gets what it missed. A browser, whose EventSource cannot send a bearer token, opens it with a ticket. One user
 * holds a few streams at most ({@code events.max.per.user}): one more closes their oldest ({@code event: replaced}).
 */
@Component(service = EventsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path(EventsResource.PATH)
@Tag(name = "events", description = "Live notifications and order transitions (Server-Sent Events)")
public class EventsResource {

    public static final String PATH = "events";
    public static final String TICKET = "ticket";

    private final LiveEvents live;
    private final EventTickets tickets;

    @Activate
    public EventsResource(@Reference LiveEvents live, @Reference EventTickets tickets) {
        this.live = live;
        this.tickets = tickets;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents", summary = "The caller's notifications and order transitions, live (text/event-stream)",
            description = "Events `notification` (a notification as in the inbox), `order` (orderId, gigTitle, event: a timeline entry)"
                    + ", `reset` (too long away: reload, then listen again) and `replaced` (the last event of a stream"
                    + " closed because its user opened more than `events.max.per.user`, 5 by default: the oldest goes;"
                    + " do not reconnect it). Authorised by the bearer token, or by `?ticket=` from POST /events/tickets."
                    + " Resume with the header Last-Event-ID or `?lastEventId=`.",
            responses = @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = "string"))))
    public void stream(@Context SecurityContext security, @Context SseEventSink sink, @Context Sse sse,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "The id of the last event received, for a new EventSource") @QueryParam("lastEventId") String lastEventIdParam,
            @Parameter(description = "A ticket from POST /events/tickets, instead of the Authorization header") @QueryParam(TICKET) String ticket) {
        live.open(CallerSecurityContext.of(security), sink, sse, lastEventId != null ? lastEventId : lastEventIdParam);
    }

    @POST
    @Path("tickets")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEventTicket", summary = "A ticket that opens one event stream within a minute (for EventSource)",
            responses = @ApiResponse(responseCode = "201", description = "The ticket",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventTickets.Ticket.class))))
    public Response ticket(@Context SecurityContext security) {
        return Response.status(Response.Status.CREATED).entity(tickets.issue(CallerSecurityContext.of(security))).build();
    }
}

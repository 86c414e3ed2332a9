package org.souk.rest.internal.resource.account;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.common.api.Page;
import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's in-app inbox. */
@Component(service = NotificationsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications", description = "The caller's in-app inbox")
public class NotificationsResource {

    private final NotificationService notifications;

    @Activate
    public NotificationsResource(@Reference NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "The caller's notifications, newest first")
    public Page<Notification> inbox(@Context SecurityContext security, @Parameter(description = "true: only the unread ones", schema = @Schema(type = "boolean", defaultValue = "false")) @QueryParam("unread") String unread,
            @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset, @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        return notifications.inbox(CallerSecurityContext.of(security), Params.bool(unread, "unread", false),
                Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT));
    }

    /** How many notifications are unread: {@code {"unread": 3}}. */
    public record UnreadCount(long unread) {
    }

    /** How many notifications were marked read: {@code {"marked": 3}}. */
    public record MarkedRead(int marked) {
    }

    @GET
    @Path("unread-count")
    @Operation(operationId = "countUnreadNotifications", summary = "How many of the caller's notifications are unread")
    public UnreadCount unreadCount(@Context SecurityContext security) {
        return new UnreadCount(notifications.unreadCount(CallerSecurityContext.of(security)));
    }

    /** Marks every unread notification of the caller read. */
    @POST
    @Path("read-all")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark every notification of the caller read")
    public MarkedRead markAllRead(@Context SecurityContext security) {
        return new MarkedRead(notifications.markAllRead(CallerSecurityContext.of(security)));
    }

    @POST
    @Path("{id}/read")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read")
    public Notification markRead(@Context SecurityContext security, @PathParam("id") String id) {
        return notifications.markRead(CallerSecurityContext.of(security), id);
    }
}

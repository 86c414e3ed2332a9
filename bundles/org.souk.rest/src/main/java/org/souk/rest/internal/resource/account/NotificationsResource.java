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
    public Page<Notification> inbox(@Context SecurityContext security, @QueryParam("unread") String unread,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return notifications.inbox(CallerSecurityContext.of(security), "true".equalsIgnoreCase(unread),
                Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT));
    }

    /** How many of the caller's notifications are unread: {@code {"unread": 3}}. */
    @GET
    @Path("unread-count")
    @Operation(operationId = "countUnreadNotifications", summary = "How many of the caller's notifications are unread")
    public java.util.Map<String, Long> unreadCount(@Context SecurityContext security) {
        return java.util.Map.of("unread", notifications.unreadCount(CallerSecurityContext.of(security)));
    }

    /** Marks every unread notification of the caller read: {@code {"marked": 3}}. */
    @POST
    @Path("read-all")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark every notification of the caller read")
    public java.util.Map<String, Integer> markAllRead(@Context SecurityContext security) {
        return java.util.Map.of("marked", notifications.markAllRead(CallerSecurityContext.of(security)));
    }

    @POST
    @Path("{id}/read")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read")
    public Notification markRead(@Context SecurityContext security, @PathParam("id") String id) {
        return notifications.markRead(CallerSecurityContext.of(security), id);
    }
}

package org.souk.rest.internal.resource.account;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.common.api.ValidationException;
import org.souk.notification.api.NotificationPreferenceService;
import org.souk.notification.api.NotificationPreferences.TypePreference;
import org.souk.notification.api.NotificationPreferences;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's notification preferences: the whole matrix of types by channels. PUT replaces it (cells left
 * out return to their defaults), PATCH sets one cell; a mandatory type switched off is refused.
 */
@Component(service = NotificationPreferencesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications", description = "The caller's in-app inbox and notification preferences")
public class NotificationPreferencesResource {

    /** One cell: {@code {"type": "new_order", "channel": "email", "enabled": false}}. */
    public record Cell(String type, String channel, Boolean enabled) {
    }

    /**
     * The document a PUT takes: as GET answers it, except that {@code mandatory} (the platform's to say) and
     * {@code channels} may be left out.
     */
    public record Document(List<String> channels, List<Row> types) {

        NotificationPreferences toPreferences() {
            return new NotificationPreferences(channels, types == null ? null
                    : types.stream().map(r -> r == null ? null : new TypePreference(r.type(), false, r.channels())).toList());
        }
    }

    /** A row of the document: a type's switch per channel id. */
    public record Row(String type, Boolean mandatory, Map<String, Boolean> channels) {
    }

    private final NotificationPreferenceService preferences;

    @Activate
    public NotificationPreferencesResource(@Reference NotificationPreferenceService preferences) {
        this.preferences = preferences;
    }

    @GET
    @Operation(operationId = "getNotificationPreferences", summary = "The caller's preferences per type and channel, defaults filled in")
    public NotificationPreferences get(@Context SecurityContext security) {
        return preferences.preferences(CallerSecurityContext.of(security));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceNotificationPreferences", summary = "Replace the caller's whole preferences document")
    public NotificationPreferences replace(@Context SecurityContext security, Document document) {
        if (document == null) {
            throw new ValidationException("body", "the whole document is required, as GET answers it");
        }
        return preferences.replace(CallerSecurityContext.of(security), document.toPreferences());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setNotificationPreference", summary = "Set one cell of the caller's preferences")
    public NotificationPreferences set(@Context SecurityContext security, Cell cell) {
        if (cell == null) {
            throw new ValidationException("body", "one cell is required: type, channel and enabled");
        }
        return preferences.set(CallerSecurityContext.of(security), cell.type(), cell.channel(), cell.enabled());
    }
}

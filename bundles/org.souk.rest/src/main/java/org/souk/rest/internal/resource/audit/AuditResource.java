package org.souk.rest.internal.resource.audit;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
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
import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Nullable;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.common.api.audit.AuditEntry;
import org.souk.common.api.audit.AuditQuery;
import org.souk.common.api.audit.AuditTrail;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Administrators read what administrators changed: who, what, why and with what outcome. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "The audit trail of administrators' changes (administrators)")
public class AuditResource {

    /** A page of the trail, as order pages are: {@code next} continues it ({@code ?after=}), {@code total} is null then. */
    public record AuditPage(List<AuditEntry> items, int offset, int limit, @Nullable Long total, @Nullable String next) {
    }

    private final AuditTrail audit;

    @Activate
    public AuditResource(@Reference AuditTrail audit) {
        this.audit = audit;
    }

    /** Newest first; {@code order} and {@code user} narrow it; paged by cursor ({@code after}) or by offset. */
    @GET
    @Operation(operationId = "listAudit", summary = "Administrators' changes, newest first, by order and by acting user (administrators)")
    public AuditPage list(@Context SecurityContext security,
            @Parameter(description = "Only the changes of this order") @QueryParam("order") String order,
            @Parameter(description = "Only the changes this user made") @QueryParam("user") String user,
            @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset,
            @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit,
            @Parameter(description = "The `next` of the previous page: pages by cursor") @QueryParam("after") String after) {
        Caller caller = CallerSecurityContext.of(security);
        if (!caller.isAdmin()) {
            throw new ForbiddenException("The audit trail is for administrators");
        }
        int size = Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
        if (after != null && offset != null && !offset.isBlank()) {
            throw new ValidationException("offset", "cannot be combined with after");
        }
        int from = Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE);
        Page<AuditEntry> page = audit.list(new AuditQuery(Params.text(order), Params.text(user), from, size, after));
        return new AuditPage(page.items(), page.offset(), page.limit(), page.counted() ? page.total() : null, page.next());
    }
}

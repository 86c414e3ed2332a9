package org.souk.rest.internal.health;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.common.api.health.HealthReport;
import org.souk.common.api.health.HealthService;
import org.souk.rest.internal.SoukApplication;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Readiness and health, with no token: 200 while the node is UP or DEGRADED, 503 while it is DOWN (not
 * ready yet, or lost something critical), each check's state in the body.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path(HealthResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "api", description = "The API itself: its description and its health")
public class HealthResource {

    public static final String PATH = "health";

    private final HealthService health;

    @Activate
    public HealthResource(@Reference HealthService health) {
        this.health = health;
    }

    @GET
    @Operation(operationId = "getHealth", summary = "Readiness and health, with no token",
            responses = {@ApiResponse(responseCode = "200", description = "Ready: UP or DEGRADED, each check's state",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthReport.class))),
                    @ApiResponse(responseCode = "503", description = "Not ready, or lost something critical: each check's state",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthReport.class)))})
    public Response get() {
        HealthReport report = health.report();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(report.ready() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(report).cacheControl(noStore).build();
    }
}

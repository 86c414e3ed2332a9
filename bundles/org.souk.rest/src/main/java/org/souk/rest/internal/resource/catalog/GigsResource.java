package org.souk.rest.internal.resource.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.catalog.api.Gig;
import org.souk.catalog.api.GigCatalog;
import org.souk.catalog.api.GigDraft;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Nullable;
import org.souk.common.api.Page;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.http.EntityTags;
import org.souk.rest.internal.resource.Params;
import org.souk.rest.internal.resource.catalog.GigBodies.GigBody;
import org.souk.review.api.ReviewPage;
import org.souk.review.api.ReviewService;
import org.souk.review.api.ReviewSummary;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Gigs: freelancers create and edit theirs, anyone signed in browses them and reads their reviews. */
@Component(service = GigsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("gigs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "gigs", description = "Gigs and their packages: freelancers edit theirs, everyone signed in browses them")
public class GigsResource {

    /** A gig with its reviews' average rating (one decimal, half up; null without reviews) and count. */
    public record GigView(@JsonUnwrapped Gig gig, @Nullable BigDecimal averageRating, long reviewCount) {
    }

    /** Versions start at 1: no gig is ever at this one. */
    private static final long NO_VERSION = -1;

    private final GigCatalog catalog;
    private final ReviewService reviews;

    @Activate
    public GigsResource(@Reference GigCatalog catalog, @Reference ReviewService reviews) {
        this.catalog = catalog;
        this.reviews = reviews;
    }

    @POST
    @Operation(operationId = "createGig", summary = "Create a gig (freelancers)",
            responses = @ApiResponse(responseCode = "201", description = "The gig, its version in the ETag",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Gig.class)),
            headers = @Header(name = "ETag", description = "The gig's version, for If-Match", schema = @Schema(type = "string"))))
    public Response create(@Context SecurityContext security, GigBody body) {
        Gig gig = catalog.create(CallerSecurityContext.of(security), GigBodies.toDraft(body));
        return Response.created(URI.create("gigs/" + gig.id())).entity(gig)
                .tag(EntityTags.of(gig.version())).build();
    }

    @GET
    @Operation(operationId = "listGigs", summary = "Browse gigs, or one freelancer's")
    public Page<Gig> list(@QueryParam("freelancer") String freelancer, @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset,
            @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        return catalog.list(freelancer, Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT));
    }

    /** The gig as a {@link GigView}, its version in the {@code ETag} for an editor's {@code If-Match}. */
    @GET
    @Path("{id}")
    @Operation(operationId = "getGig", summary = "A gig with its average rating; its version in the ETag",
            responses = @ApiResponse(responseCode = "200", description = "The gig",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GigView.class)),
            headers = @Header(name = "ETag", description = "The gig's version, for If-Match", schema = @Schema(type = "string"))))
    public Response get(@PathParam("id") String id) {
        Gig gig = catalog.find(id).orElseThrow(() -> new NotFoundException("No gig " + id));
        ReviewSummary summary = reviews.summary(gig.id());
        return Response.ok(new GigView(gig, summary.averageRating(), summary.count())).tag(EntityTags.of(gig.version()))
                .build();
    }

    /** The gig's reviews, newest first, with its average rating and count. */
    @GET
    @Path("{id}/reviews")
    @Operation(operationId = "listGigReviews", summary = "A gig's reviews, newest first, with its average rating")
    public ReviewPage reviews(@PathParam("id") String id, @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset,
            @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        int from = Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE);
        int size = Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
        Gig gig = catalog.find(id).orElseThrow(() -> new NotFoundException("No gig " + id));
        return reviews.forGig(gig.id(), from, size);
    }

    /**
     * Replaces the gig; answers it as a {@link Gig} with its new {@code ETag}. With {@code If-Match} (the ETag
     * the editor read) the change is made only while the gig is still at that version, else 412
     * {@code precondition-failed} and nothing changes; without it the last write wins, as before.
     */
    @PUT
    @Path("{id}")
    @Operation(operationId = "updateGig", summary = "Replace a gig (its freelancer); with If-Match, 412 if it changed meanwhile",
            responses = @ApiResponse(responseCode = "200", description = "The gig as saved, its new version in the ETag",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Gig.class)),
            headers = @Header(name = "ETag", description = "The gig's version, for If-Match", schema = @Schema(type = "string"))))
    public Response update(@Context SecurityContext security, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, GigBody body) {
        Caller caller = CallerSecurityContext.of(security);
        GigDraft draft = GigBodies.toDraft(body);
        EntityTags.IfMatch condition = EntityTags.ifMatch(ifMatch);
        Gig gig;
        if (condition == null || condition.any()) {
            gig = catalog.update(caller, id, draft);
        } else {
            gig = catalog.update(caller, id, draft, expectedVersion(id, condition.versions()));
        }
        return Response.ok(gig).tag(EntityTags.of(gig.version())).build();
    }

    /**
     * The version to hold the catalog to: the one tag given, or among several the gig's current version if
     * it is one of them; a version no gig has when none can match, so the catalog refuses with 412 (or 404,
     * 403 first, as without the header).
     */
    private long expectedVersion(String id, Set<Long> versions) {
        if (versions.size() == 1) {
            return versions.iterator().next();
        }
        return catalog.find(id).map(Gig::version).filter(versions::contains).orElse(NO_VERSION);
    }
}

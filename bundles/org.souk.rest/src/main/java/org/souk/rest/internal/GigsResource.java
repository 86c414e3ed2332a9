package org.souk.rest.internal;

import java.math.BigDecimal;
import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.souk.catalog.api.Gig;
import org.souk.catalog.api.GigCatalog;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.rest.internal.GigBodies.GigBody;
import org.souk.review.api.ReviewPage;
import org.souk.review.api.ReviewService;
import org.souk.review.api.ReviewSummary;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Gigs: freelancers create and edit theirs, anyone signed in browses them and reads their reviews. */
@Component(service = GigsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("gigs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GigsResource {

    /** A gig with its reviews' average rating (one decimal, half up; null without reviews) and count. */
    public record GigView(@JsonUnwrapped Gig gig, BigDecimal averageRating, long reviewCount) {
    }

    private final GigCatalog catalog;
    private final ReviewService reviews;

    @Activate
    public GigsResource(@Reference GigCatalog catalog, @Reference ReviewService reviews) {
        this.catalog = catalog;
        this.reviews = reviews;
    }

    @POST
    public Response create(@Context SecurityContext security, GigBody body) {
        Gig gig = catalog.create(CallerSecurityContext.of(security), GigBodies.toDraft(body));
        return Response.created(URI.create(SoukApplication.BASE + "/gigs/" + gig.id())).entity(gig).build();
    }

    @GET
    public Page<Gig> list(@QueryParam("freelancer") String freelancer, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return catalog.list(freelancer, Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT));
    }

    @GET
    @Path("{id}")
    public GigView get(@PathParam("id") String id) {
        Gig gig = catalog.find(id).orElseThrow(() -> new NotFoundException("No gig " + id));
        ReviewSummary summary = reviews.summary(gig.id());
        return new GigView(gig, summary.averageRating(), summary.count());
    }

    /** The gig's reviews, newest first, with its average rating and count. */
    @GET
    @Path("{id}/reviews")
    public ReviewPage reviews(@PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        int from = Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE);
        int size = Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
        Gig gig = catalog.find(id).orElseThrow(() -> new NotFoundException("No gig " + id));
        return reviews.forGig(gig.id(), from, size);
    }

    @PUT
    @Path("{id}")
    public Gig update(@Context SecurityContext security, @PathParam("id") String id, GigBody body) {
        return catalog.update(CallerSecurityContext.of(security), id, GigBodies.toDraft(body));
    }
}

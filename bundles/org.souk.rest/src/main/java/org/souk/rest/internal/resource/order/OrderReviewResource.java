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
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.review.api.Review;
import org.souk.review.api.ReviewDraft;
import org.souk.review.api.ReviewService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** An order's review: the client writes it once the order is completed, the freelancer replies once. */
@Component(service = OrderReviewResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders/{id}/review")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reviews", description = "Reviews of completed orders and the freelancers' replies")
public class OrderReviewResource {

    /** {@code rating}: a whole number from 1 to 5; {@code comment}: optional, at most 2000 characters. */
    public record ReviewBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "5") Integer rating, String comment) {
    }

    /** {@code reply}: at most 2000 characters. */
    public record ReplyBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reply) {
    }

    private final ReviewService reviews;

    @Activate
    public OrderReviewResource(@Reference ReviewService reviews) {
        this.reviews = reviews;
    }

    @POST
    @Operation(operationId = "reviewOrder", summary = "Review a completed order (its client), once",
            responses = @ApiResponse(responseCode = "201", description = "The review",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Review.class))))
    public Response review(@Context SecurityContext security, @PathParam("id") String id, ReviewBody body) {
        if (body == null) {
            throw new ValidationException("rating", "is required: a whole number from 1 to 5");
        }
        Review review = reviews.review(CallerSecurityContext.of(security), id, new ReviewDraft(body.rating(), body.comment()));
        return Response.created(URI.create("orders/" + id + "/review")).entity(review).build();
    }

    @GET
    @Operation(operationId = "getReview", summary = "An order's review")
    public Review get(@Context SecurityContext security, @PathParam("id") String id) {
        return reviews.get(CallerSecurityContext.of(security), id);
    }

    @POST
    @Path("reply")
    @Operation(operationId = "replyToReview", summary = "Reply to the review (the order's freelancer), once")
    public Review reply(@Context SecurityContext security, @PathParam("id") String id, ReplyBody body) {
        return reviews.reply(CallerSecurityContext.of(security), id, body == null ? null : body.reply());
    }
}

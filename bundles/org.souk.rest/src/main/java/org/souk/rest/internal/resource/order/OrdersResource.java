package org.souk.rest.internal.resource.order;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Nullable;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Order;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.order.api.PlaceOrder;
import org.souk.payment.api.Cancellation;
import org.souk.payment.api.OrderFinder;
import org.souk.payment.api.OrderMatch;
import org.souk.payment.api.PayOrder;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;
import org.souk.rest.internal.RestConfig;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.http.CustomerOrigin;
import org.souk.rest.internal.resource.MoneyBody;
import org.souk.rest.internal.resource.Params;
import org.souk.review.api.ReviewService;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Orders: clients place and pay them, both parties follow them, freelancers work them. */
@Component(service = OrdersResource.class, configurationPid = RestConfig.PID)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders", description = "Orders: clients place and pay them, freelancers work them, both follow them")
public class OrdersResource {

    /** {@code package} is the tier: BASIC, STANDARD or PREMIUM. */
    public record OrderBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "the id of a gig") String gigId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = Tier.class) @JsonProperty("package") String packageTier,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "A logo for my cafe, warm colours") String requirements) {
    }

    public record PaymentBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "sandbox.card") String method,
            Map<String, String> details) {
    }

    public record NoteBody(String note) {
    }

    /** An order with its payment (null until the client pays) and its refunds. */
    public record OrderView(@JsonUnwrapped Order order, @Nullable Payment payment, List<Refund> refunds) {
    }

    /**
     * {@code reason}: CLIENT_WITHDREW, FREELANCER_DECLINED, LATE_DELIVERY, or for administrators any
     * cancellation reason; {@code refund} (administrators only): what goes back of a paid order, the whole
     * total if omitted.
     */
    public record CancelBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = CancellationReason.class) String reason,
            String note, MoneyBody refund) {
    }

    private final OrderService orders;
    private final PaymentService payments;
    private final ReviewService reviews;
    private final OrderFinder finder;

    private volatile CustomerOrigin origin;

    @Activate
    public OrdersResource(@Reference OrderService orders, @Reference PaymentService payments,
            @Reference ReviewService reviews, @Reference OrderFinder finder, RestConfig config) {
        configure(config);
        this.orders = orders;
        this.payments = payments;
        this.reviews = reviews;
        this.finder = finder;
    }

    @Modified
    void configure(RestConfig config) {
        origin = new CustomerOrigin(config == null ? null : config.trusted_proxies());
    }

    @POST
    @Operation(operationId = "placeOrder", summary = "Place an order for a gig package (clients)",
            responses = @ApiResponse(responseCode = "201", description = "The order, pending payment",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class))))
    public Response place(@Context SecurityContext security, OrderBody body) {
        if (body == null) {
            throw new ValidationException("body", "an order is required");
        }
        Tier tier = Params.enumValue(Tier.class, body.packageTier(), "package");
        Order order = orders.place(CallerSecurityContext.of(security), new PlaceOrder(body.gigId(), tier, body.requirements()));
        return Response.created(URI.create("orders/" + order.id()))
                .entity(new OrderView(order, null, List.of())).build();
    }

    /**
     * A page of order history. {@code next} asks for the following page ({@code ?after=<next>}), null on the
     * last one; a page read {@code after} a cursor is not counted: its {@code total} is null. A search
     * ({@code ?q=}) says in {@code matches} how each order matched; other lists leave it out.
     */
    public record OrderPage(List<OrderSummary> items, int offset, int limit, @Nullable Long total, @Nullable String next,
            @Nullable List<MatchView> matches) {

        static OrderPage of(Page<OrderSummary> page) {
            return new OrderPage(page.items(), page.offset(), page.limit(), page.counted() ? page.total() : null,
                    page.next(), null);
        }

        static OrderPage found(List<OrderMatch> found, int limit) {
            return new OrderPage(found.stream().map(OrderMatch::order).toList(), 0, limit, (long) found.size(), null,
                    found.stream().map(m -> new MatchView(m.order().id(), m.how().label(), m.key())).toList());
        }
    }

    /** How a searched order matched: {@code match} is order id, payment id, gateway reference, client or freelancer. */
    public record MatchView(String orderId, String match, String key) {
    }

    /**
     * Newest first. {@code after} (the {@code next} of the previous page) pages by cursor, at the same cost
     * however long the history; {@code offset} pages by position and counts the total, for short lists.
     * {@code client}, {@code freelancer}, {@code gig}, {@code since} (included) and {@code until} (excluded; a
     * date includes its day) narrow the list together; they never widen it: a client or freelancer still sees
     * only their own orders, so asking for someone else's finds none. {@code q} (administrators) finds orders
     * by an order id, payment id, gateway reference, user id or email address, one page of them.
     */
    @GET
    @Operation(operationId = "listOrders", summary = "The caller's orders (all for administrators), newest first: by cursor "
            + "(after) or by offset, narrowed by client, freelancer, gig, status and time placed; q searches (administrators)")
    public OrderPage list(@Context SecurityContext security,
            @Parameter(description = "Only orders in this status", schema = @Schema(implementation = OrderStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset,
            @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit,
            @Parameter(description = "The `next` of the previous page: pages by cursor") @QueryParam("after") String after,
            @Parameter(description = "Only orders of this client (user id)") @QueryParam("client") String client,
            @Parameter(description = "Only orders of this freelancer (user id)") @QueryParam("freelancer") String freelancer,
            @Parameter(description = "Only orders of this gig") @QueryParam("gig") String gig,
            @Parameter(description = "Placed at or after: a date (its start, UTC) or an instant") @QueryParam("since") String since,
            @Parameter(description = "Placed before: a date (its whole day included) or an instant") @QueryParam("until") String until,
            @Parameter(description = "Administrators: an order id, payment id, gateway reference, user id or email") @QueryParam("q") String q) {
        Caller caller = CallerSecurityContext.of(security);
        OrderStatus wanted = Params.enumValue(OrderStatus.class, status, "status");
        int size = Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
        if (after != null && offset != null && !offset.isBlank()) {
            throw new ValidationException("offset", "cannot be combined with after");
        }
        int from = Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE);
        Instant placedFrom = Params.instant(since, "since", false);
        Instant placedTo = Params.instant(until, "until", true);
        if (placedFrom != null && placedTo != null && !placedFrom.isBefore(placedTo)) {
            throw new ValidationException("until", "must come after since");
        }
        OrderQuery query = new OrderQuery(wanted, from, size, after, Params.text(client), Params.text(freelancer),
                Params.text(gig), placedFrom, placedTo);
        if (q == null) {
            return OrderPage.of(orders.list(caller, query));
        }
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Searching all orders (q) is for administrators");
        }
        if (Params.text(q) == null) {
            throw new ValidationException("q", "must name an order id, payment id, gateway reference, user id or email address");
        }
        if (after != null || from > 0) {
            throw new ValidationException(after != null ? "after" : "offset", "cannot be combined with q: a search is one page");
        }
        List<OrderMatch> found = finder.find(q, Page.MAX_LIMIT).stream().filter(m -> fits(m.order(), query))
                .limit(size).toList();
        return OrderPage.found(found, size);
    }

    /** Whether a found order passes the list's other filters. */
    private static boolean fits(OrderSummary o, OrderQuery query) {
        return (query.status() == null || o.status() == query.status())
                && (query.clientId() == null || o.clientId().equals(query.clientId()))
                && (query.freelancerId() == null || o.freelancerId().equals(query.freelancerId()))
                && (query.gigId() == null || o.gigId().equals(query.gigId()))
                && (query.since() == null || !o.placedAt().isBefore(query.since()))
                && (query.until() == null || o.placedAt().isBefore(query.until()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getOrder", summary = "An order with its payment, refunds, allowed actions and deadlines")
    public OrderView get(@Context SecurityContext security, @PathParam("id") String id) {
        Caller caller = CallerSecurityContext.of(security);
        // Each service names the actions it decides: the order's own, and the review's.
        Order order = orders.get(caller, id);
        order = order.withMoreActions(reviews.allowedActions(caller, order));
        return new OrderView(order, payments.findByOrder(caller, id).orElse(null), payments.refunds(caller, id));
    }

    @POST
    @Path("{id}/payment")
    @Operation(operationId = "payOrder", summary = "Pay a pending order with a payment method (clients)",
            responses = {@ApiResponse(responseCode = "201", description = "The payment; its next action tells the client what to do, if anything",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = Payment.class))),
                    @ApiResponse(responseCode = "402", description = "The gateway declined this attempt: problem payment_declined "
                            + "with its declineCode and the payment, PENDING for another attempt while attempts are left",
                            content = @Content(mediaType = "application/problem+json"))})
    public Response pay(@Context SecurityContext security, @Context HttpHeaders headers,
            @Context HttpServletRequest http, @PathParam("id") String id, PaymentBody body) {
        if (body == null) {
            throw new ValidationException("body", "a payment needs a method");
        }
        Payment payment = payments.pay(CallerSecurityContext.of(security), new PayOrder(id, body.method(), body.details(),
                origin.ip(http == null ? null : http.getRemoteAddr(), headers.getHeaderString("X-Forwarded-For")),
                CustomerOrigin.language(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE))));
        return Declines.answer(payment, URI.create("orders/" + id + "/payment"));
    }

    @GET
    @Path("{id}/payment")
    @Operation(operationId = "getOrderPayment", summary = "An order's payment and its attempts")
    public Payment payment(@Context SecurityContext security, @PathParam("id") String id) {
        return payments.findByOrder(CallerSecurityContext.of(security), id)
                .orElseThrow(() -> new NotFoundException("Order " + id + " has no payment yet"));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel an order; a paid one is refunded")
    public Cancellation cancel(@Context SecurityContext security, @PathParam("id") String id, CancelBody body) {
        if (body == null) {
            throw new ValidationException("reason", "is required");
        }
        Caller caller = CallerSecurityContext.of(security);
        CancellationReason reason = Params.enumValue(CancellationReason.class, body.reason(), "reason");
        if (body.refund() == null) {
            return payments.cancel(caller, id, reason, body.note());
        }
        return payments.cancel(caller, id, reason, body.note(),
                body.refund().toMoney("refund", () -> orders.summary(caller, id).total().currency()));
    }

    /** An administrator's refund of a completed order: {@code amount} as the API shows amounts, and why. */
    public record RefundBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) MoneyBody amount, String reason) {
    }

    @POST
    @Path("{id}/refunds")
    @Operation(operationId = "refundOrder", summary = "Refund part of a completed order (administrators)",
            responses = @ApiResponse(responseCode = "201", description = "The refund",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Refund.class))))
    public Response refund(@Context SecurityContext security, @PathParam("id") String id, RefundBody body) {
        if (body == null || body.amount() == null) {
            throw new ValidationException("amount", "is required, e.g. {\"amount\": \"50.00\", \"currency\": \"MAD\"}");
        }
        Caller caller = CallerSecurityContext.of(security);
        Refund refund = payments.refundCompleted(caller, id,
                body.amount().toMoney("amount", () -> orders.summary(caller, id).total().currency()), body.reason());
        return Response.created(URI.create("orders/" + id)).entity(refund).build();
    }

    @POST
    @Path("{id}/accept")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "acceptOrder", summary = "Accept a paid order and start work (its freelancer)")
    public Order accept(@Context SecurityContext security, @PathParam("id") String id) {
        return orders.accept(CallerSecurityContext.of(security), id);
    }

    @POST
    @Path("{id}/deliveries")
    @Operation(operationId = "deliverOrder", summary = "Deliver the work (its freelancer)")
    public Order deliver(@Context SecurityContext security, @PathParam("id") String id, NoteBody body) {
        return orders.deliver(CallerSecurityContext.of(security), id, body == null ? null : body.note());
    }

    @POST
    @Path("{id}/revisions")
    @Operation(operationId = "requestRevision", summary = "Ask for a revision of a delivery (its client)")
    public Order requestRevision(@Context SecurityContext security, @PathParam("id") String id, NoteBody body) {
        return orders.requestRevision(CallerSecurityContext.of(security), id, body == null ? null : body.note());
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "completeOrder", summary = "Accept the delivery and complete the order (its client)")
    public Order complete(@Context SecurityContext security, @PathParam("id") String id) {
        Caller caller = CallerSecurityContext.of(security);
        Order order = orders.complete(caller, id);
        return order.withMoreActions(reviews.allowedActions(caller, order));
    }
}

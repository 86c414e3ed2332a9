package org.souk.rest.internal.resource.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

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
import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.Nullable;
import org.souk.common.api.ValidationException;
import org.souk.message.api.Message;
import org.souk.message.api.MessageService;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;
import org.souk.order.api.Order;
import org.souk.order.api.OrderService;
import org.souk.payment.api.DisputeResolution;
import org.souk.payment.api.PaymentService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.MoneyBody;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Administrators see open disputes with everything needed to decide them, and decide them. */
@Component(service = DisputesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "disputes", description = "Either side asks an administrator to decide a paid order; administrators decide")
public class DisputesResource {

    /** What is at stake: the order's total and what the side that opened the dispute asks back (null: not said). */
    public record Stake(Money total, @Nullable Money proposedRefund) {
    }

    /** A dispute with the order (and its timeline), its latest messages (statements) and the money at stake. */
    public record DisputeCase(Dispute dispute, Order order, List<Message> messages, Stake atStake) {
    }

    public record DisputeList(List<DisputeCase> items) {
    }

    /**
     * {@code decision}: COMPLETE, CANCEL (with {@code refund}, from 0 to the total) or CONTINUE (with {@code dueAt},
     * an ISO-8601 instant or a date, meaning the end of that day UTC); {@code note}: why, for both sides.
     */
    public record ResolveBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = DisputeDecision.class) String decision,
            MoneyBody refund, String dueAt, String note) {
    }

    private static final int MESSAGES = 50;

    private final DisputeService disputes;
    private final OrderService orders;
    private final PaymentService payments;
    private final MessageService messages;

    @Activate
    public DisputesResource(@Reference DisputeService disputes, @Reference OrderService orders,
            @Reference PaymentService payments, @Reference MessageService messages) {
        this.disputes = disputes;
        this.orders = orders;
        this.payments = payments;
        this.messages = messages;
    }

    @GET
    @Operation(operationId = "listOpenDisputes", summary = "Open disputes, oldest first (administrators)")
    public DisputeList open(@Context SecurityContext security, @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        Caller caller = CallerSecurityContext.of(security);
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only administrators see the disputes of every order");
        }
        int max = Params.integer(limit, "limit", 20, 1, 100);
        return new DisputeList(disputes.openDisputes(caller, max).stream().map(d -> dossier(caller, d)).toList());
    }

    @GET
    @Path("{disputeId}")
    @Operation(operationId = "getDispute", summary = "One dispute with its order, messages and the money at stake")
    public DisputeCase get(@Context SecurityContext security, @PathParam("disputeId") String disputeId) {
        Caller caller = CallerSecurityContext.of(security);
        return dossier(caller, disputes.dispute(caller, disputeId));
    }

    @POST
    @Path("{disputeId}/resolve")
    @Operation(operationId = "resolveDispute", summary = "Decide a dispute: complete, cancel with a refund, or continue "
            + "to a new due date (administrators)")
    public DisputeResolution resolve(@Context SecurityContext security, @PathParam("disputeId") String disputeId,
            ResolveBody body) {
        Caller caller = CallerSecurityContext.of(security);
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator decides a dispute");
        }
        if (body == null) {
            throw new ValidationException("decision", "is required: COMPLETE, CANCEL or CONTINUE");
        }
        DisputeDecision decision = decision(body.decision());
        Money refund = body.refund() == null ? null : body.refund().toMoney("refund",
                () -> orders.summary(caller, disputes.dispute(caller, disputeId).orderId()).total().currency());
        return payments.resolveDispute(caller, disputeId, decision, refund, dueAt(body.dueAt()), body.note());
    }

    private DisputeCase dossier(Caller caller, Dispute dispute) {
        Order order = orders.get(caller, dispute.orderId());
        List<Message> statements = messages.thread(caller, dispute.orderId(), null, MESSAGES).items();
        return new DisputeCase(dispute, order, statements, new Stake(order.total(), dispute.proposedRefund()));
    }

    static DisputeDecision decision(String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("decision", "is required: COMPLETE, CANCEL or CONTINUE");
        }
        try {
            return DisputeDecision.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("decision", "must be COMPLETE, CANCEL or CONTINUE");
        }
    }

    /** An ISO-8601 instant, or a date meaning the end of that day (UTC); null when absent. */
    static Instant dueAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value.trim()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
            } catch (DateTimeParseException e) {
                throw new ValidationException("dueAt", "must be an ISO-8601 instant (2026-12-20T17:00:00Z) or a date (2026-12-20)");
            }
        }
    }
}

package org.souk.rest.internal.resource.ledger;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import org.souk.common.api.Money;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.MoneyBody;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Withdrawals of available earnings: a freelancer asks (the amount is reserved at once), an administrator
 * pays it outside Souk and records the reference, or rejects it (the amount is available again).
 */
@Component(service = WithdrawalsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("withdrawals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "withdrawals", description = "Withdrawals of available earnings")
public class WithdrawalsResource {

    /** {@code reference}: the payout's external reference, such as the bank transfer's id. */
    public record PayBody(String reference) {
    }

    public record RejectBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
    }

    private final LedgerService ledger;

    @Activate
    public WithdrawalsResource(@Reference LedgerService ledger) {
        this.ledger = ledger;
    }

    /** The body is an amount, as the API shows amounts: {@code {"amount": "150.00", "currency": "MAD"}} (MAD by default). */
    @POST
    @Operation(operationId = "requestWithdrawal", summary = "Ask to withdraw available earnings (freelancers); the amount is reserved",
            responses = @ApiResponse(responseCode = "201", description = "The withdrawal, open",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Withdrawal.class))))
    public Response request(@Context SecurityContext security, MoneyBody body) {
        if (body == null) {
            throw new ValidationException("amount", "is required, e.g. \"150.00\"");
        }
        Money amount = body.toMoney(null, () -> Money.MAD);
        Withdrawal withdrawal = ledger.requestWithdrawal(CallerSecurityContext.of(security), amount);
        return Response.created(URI.create("withdrawals/" + withdrawal.id())).entity(withdrawal).build();
    }

    /** The caller's withdrawals, or everyone's for an administrator, newest first. */
    @GET
    @Operation(operationId = "listWithdrawals", summary = "The caller's withdrawals, or everyone's for administrators")
    public Page<Withdrawal> list(@Context SecurityContext security, @Parameter(description = "Only withdrawals in this status", schema = @Schema(implementation = WithdrawalStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset, @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        return ledger.withdrawals(CallerSecurityContext.of(security),
                Params.enumValue(WithdrawalStatus.class, status, "status"),
                Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWithdrawal", summary = "A withdrawal")
    public Withdrawal get(@Context SecurityContext security, @PathParam("id") String id) {
        return ledger.withdrawal(CallerSecurityContext.of(security), id);
    }

    @POST
    @Path("{id}/pay")
    @Operation(operationId = "payWithdrawal", summary = "Record a withdrawal as paid, with the payout's reference (administrators)")
    public Withdrawal pay(@Context SecurityContext security, @PathParam("id") String id, PayBody body) {
        return ledger.payWithdrawal(CallerSecurityContext.of(security), id, body == null ? null : body.reference());
    }

    @POST
    @Path("{id}/reject")
    @Operation(operationId = "rejectWithdrawal", summary = "Reject a withdrawal; its amount is available again (administrators)")
    public Withdrawal reject(@Context SecurityContext security, @PathParam("id") String id, RejectBody body) {
        return ledger.rejectWithdrawal(CallerSecurityContext.of(security), id, body == null ? null : body.reason());
    }
}

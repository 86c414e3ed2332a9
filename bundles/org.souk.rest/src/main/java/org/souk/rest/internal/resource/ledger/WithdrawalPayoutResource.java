package org.souk.rest.internal.resource.ledger;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.ledger.api.PayoutService;
import org.souk.ledger.api.Withdrawal;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An administrator pays a requested withdrawal through a deployed payout provider, to the freelancer's payout
 * details; the provider's answer pays it, rejects it, or leaves it requested while the provider works on it.
 * A claim that is stuck (provider gone, batch lost) is released by an administrator ({@code .../payout/release}).
 */
@Component(service = WithdrawalPayoutResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("withdrawals/{id}/payout")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "withdrawals")
public class WithdrawalPayoutResource {

    /** {@code provider}: the payout provider's id, such as {@code banktransfer}; {@code reason}: why, for the audit trail. */
    public record PayoutBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String provider,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
    }

    /** {@code note}: why the claim is released (what the provider or the bank said). */
    public record ReleaseBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String note) {
    }

    private final PayoutService payouts;

    @Activate
    public WithdrawalPayoutResource(@Reference PayoutService payouts) {
        this.payouts = payouts;
    }

    @POST
    @Operation(operationId = "payWithdrawalThroughProvider", summary = "Pay a requested withdrawal through a payout provider, once (administrators)")
    public Withdrawal payOut(@Context SecurityContext security, @PathParam("id") String id, PayoutBody body) {
        return payouts.payOut(CallerSecurityContext.of(security), id, body == null ? null : body.provider(),
                body == null ? null : body.reason());
    }

    @POST
    @Path("release")
    @Operation(operationId = "releaseWithdrawalPayout", summary = "Release a stuck payout claim after asking its provider once more, so the withdrawal may be paid or rejected by hand (administrators)")
    public Withdrawal release(@Context SecurityContext security, @PathParam("id") String id, ReleaseBody body) {
        return payouts.releasePayout(CallerSecurityContext.of(security), id, body == null ? null : body.note());
    }
}

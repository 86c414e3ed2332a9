package org.souk.rest.internal.resource.ledger;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.ledger.api.PayoutDetails;
import org.souk.ledger.api.PayoutService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bank account a freelancer's withdrawals are paid to through a payout provider: an IBAN (checked by its
 * country's length and check digits) and the account holder's name. Shown with the IBAN masked but for its
 * last four characters.
 */
@Component(service = PayoutDetailsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("me/payout-details")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "withdrawals")
public class PayoutDetailsResource {

    /** {@code iban}: spaces allowed; {@code holder}: the account holder's name, at most 140 characters. */
    public record PayoutDetailsBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String iban,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String holder) {
    }

    private final PayoutService payouts;

    @Activate
    public PayoutDetailsResource(@Reference PayoutService payouts) {
        this.payouts = payouts;
    }

    @GET
    @Operation(operationId = "getPayoutDetails", summary = "The caller's payout details, the IBAN masked (freelancers)")
    public PayoutDetails get(@Context SecurityContext security) {
        Caller caller = CallerSecurityContext.of(security);
        return payouts.payoutDetails(caller).orElseThrow(() -> new NotFoundException(
                "No payout details yet: PUT your IBAN and account holder to /api/v1/me/payout-details"));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPayoutDetails", summary = "Register or replace the caller's IBAN and account holder (freelancers)")
    public PayoutDetails put(@Context SecurityContext security, PayoutDetailsBody body) {
        return payouts.setPayoutDetails(CallerSecurityContext.of(security), body == null ? null : body.iban(),
                body == null ? null : body.holder());
    }
}

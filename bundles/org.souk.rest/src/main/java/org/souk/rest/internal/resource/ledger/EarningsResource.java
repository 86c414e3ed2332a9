package org.souk.rest.internal.resource.ledger;

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
import org.souk.common.api.Page;
import org.souk.ledger.api.AccountLine;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A freelancer's earnings: pending until the clearance period after an order is released, then available
 * to withdraw, reserved while a withdrawal is open, and paid out. Each caller sees their own.
 */
@Component(service = EarningsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("earnings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "earnings")
public class EarningsResource {

    /** One balance per currency the caller ever earned in; none for someone who never earned. */
    public record Earnings(String freelancerId, List<FreelancerBalance> balances) {
    }

    private final LedgerService ledger;

    @Activate
    public EarningsResource(@Reference LedgerService ledger) {
        this.ledger = ledger;
    }

    @GET
    @Operation(operationId = "getEarnings", summary = "The caller's balances: pending, available, reserved and paid out, per currency")
    public Earnings balances(@Context SecurityContext security) {
        String me = CallerSecurityContext.of(security).userId();
        return new Earnings(me, ledger.balances(me));
    }

    /** The entries on the caller's earnings accounts, newest first, each with its order. */
    @GET
    @Path("entries")
    @Operation(operationId = "listEarningEntries", summary = "The entries on the caller's earnings accounts, newest first")
    public Page<AccountLine> entries(@Context SecurityContext security, @Parameter(description = "How many items to skip", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @QueryParam("offset") String offset,
            @Parameter(description = "Items per page", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        return ledger.entries(CallerSecurityContext.of(security).userId(),
                Params.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(limit, "limit", Params.DEFAULT_LIMIT, 1, Page.MAX_LIMIT));
    }
}

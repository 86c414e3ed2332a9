package org.souk.rest.internal.resource.ledger;

import java.util.List;

import javax.ws.rs.GET;
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
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Posting;
import org.souk.order.api.OrderService;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Where an order's money went, posting by posting: for its two parties and administrators. */
@Component(service = OrderLedgerResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("orders/{id}/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "earnings", description = "Where the money went: order ledgers, earnings and their entries")
public class OrderLedgerResource {

    public record OrderLedger(String orderId, List<Posting> postings) {
    }

    private final OrderService orders;
    private final LedgerService ledger;

    @Activate
    public OrderLedgerResource(@Reference OrderService orders, @Reference LedgerService ledger) {
        this.orders = orders;
        this.ledger = ledger;
    }

    @GET
    @Operation(operationId = "getOrderLedger", summary = "An order's ledger postings (its parties and administrators)")
    public OrderLedger postings(@Context SecurityContext security, @PathParam("id") String id) {
        orders.summary(CallerSecurityContext.of(security), id); // someone else's order is not found
        return new OrderLedger(id, ledger.orderPostings(id));
    }
}

package org.souk.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;

@Service
@Command(scope = "souk", name = "orders", description = "Lists orders, newest first; the filters narrow the list together")
public class OrdersCommand extends RefusingAction {

    @Option(name = "-s", aliases = "--status", description = "Only orders in this status (PENDING, PROCESSING, COMPLETED, CANCELLED)")
    @Completion(ValueCompleters.OrderStatuses.class)
    String status;

    @Option(name = "--client", description = "Only orders of this client (user id)")
    @Completion(IdCompleters.KnownUsers.class)
    String client;

    @Option(name = "--freelancer", description = "Only orders of this freelancer (user id)")
    @Completion(IdCompleters.KnownUsers.class)
    String freelancer;

    @Option(name = "--gig", description = "Only orders of this gig (gig id)")
    String gig;

    @Option(name = "--since", description = "Only orders placed at or after this date (2026-12-01, UTC) or instant "
            + "(2026-12-01T10:00:00Z)")
    String since;

    @Option(name = "--until", description = "Only orders placed before this instant, or on or before this date")
    String until;

    @Option(name = "-n", aliases = "--max", description = "How many orders to show (1 to 100)")
    int max = 20;

    @Option(name = "-o", aliases = "--offset", description = "How many of the newest orders to skip (0 or more)")
    int offset;

    @Reference
    OrderService orders;

    @Override
    protected Object run() {
        OrderStatus filter = Arguments.oneOf(OrderStatus.class, "status", status);
        int limit = Arguments.within("max", max, 1, Page.MAX_LIMIT);
        int skip = (int) Arguments.atLeast("offset", offset, 0);
        Instant from = Arguments.instant("since", since, false);
        Instant to = Arguments.instant("until", until, true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException("until", "must come after since");
        }
        Page<OrderSummary> page = orders.list(Caller.SYSTEM, new OrderQuery(filter, skip, limit, null,
                Arguments.trimmed(client), Arguments.trimmed(freelancer), Arguments.trimmed(gig), from, to));
        ShellTable table = new ShellTable();
        table.column("Order");
        table.column("Status");
        table.column("Stage");
        table.column("Package");
        table.column("Total").alignRight();
        table.column("Client");
        table.column("Freelancer");
        table.column("Placed");
        for (OrderSummary o : page.items()) {
            table.addRow().addContent(o.id(), o.status(), o.stage() == null ? "" : o.stage(), o.gigTitle() + " / " + o.tier(),
                    o.total(), o.clientId(), o.freelancerId(), o.placedAt());
        }
        table.print(System.out);
        System.out.println(page.items().size() + " of " + page.total() + " order(s)");
        return null;
    }
}

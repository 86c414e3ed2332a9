package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;

@Service
@Command(scope = "souk", name = "orders", description = "Lists orders, newest first")
public class OrdersCommand extends RefusingAction {

    @Option(name = "-s", aliases = "--status", description = "Only orders in this status (PENDING, PROCESSING, COMPLETED, CANCELLED)")
    @Completion(ValueCompleters.OrderStatuses.class)
    String status;

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
        Page<OrderSummary> page = orders.list(Caller.SYSTEM, new OrderQuery(filter, skip, limit));
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

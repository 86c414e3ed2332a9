package org.souk.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.OrderFinder;
import org.souk.payment.api.OrderMatch;

@Service
@Command(scope = "souk", name = "find", description = "Finds orders by an order id, a payment id, a gateway's "
        + "reference, or a user id or email address (that user's orders as client and as freelancer), and says how each matched")
public class FindCommand extends RefusingAction {

    @Argument(index = 0, name = "text", required = true, description = "An order id, payment id, gateway reference, user id or email address")
    @Completion(IdCompleters.RecentOrders.class)
    String text;

    @Option(name = "-n", aliases = "--max", description = "How many orders to show at most (1 to 100)")
    int max = 20;

    @Reference
    OrderFinder finder;

    @Override
    protected Object run() {
        int limit = Arguments.within("max", max, 1, Page.MAX_LIMIT);
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "is required: an order id, payment id, gateway reference, user id or email address");
        }
        String key = text.trim();
        List<OrderMatch> found = finder.find(key, limit);
        if (found.isEmpty()) {
            System.out.println("Nothing found for '" + key + "': no order, payment, gateway reference or user has it");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Order");
        table.column("Matched as");
        table.column("Key");
        table.column("Status");
        table.column("Total").alignRight();
        table.column("Client");
        table.column("Freelancer");
        table.column("Placed");
        for (OrderMatch m : found) {
            OrderSummary o = m.order();
            table.addRow().addContent(o.id(), m.how().label(), m.key(), o.stage() == null ? o.status() : o.status() + "/" + o.stage(),
                    o.total(), o.clientId(), o.freelancerId(), o.placedAt());
        }
        table.print(System.out);
        System.out.println(found.size() + " order(s) found for '" + key + "'");
        return null;
    }
}

package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Posting;
import org.souk.order.api.OrderService;

@Service
@Command(scope = "souk", name = "ledger", description = "An order's postings, oldest first: each entry with its account "
        + "and the amount it received (negative: money out)")
public class LedgerCommand extends RefusingAction {

    @Argument(index = 0, name = "order", required = true, description = "The order id")
    @Completion(IdCompleters.RecentOrders.class)
    String orderId;

    @Reference
    LedgerService ledger;

    @Reference
    OrderService orders;

    @Override
    protected Object run() {
        // An order without postings is shown as an empty table; an id that names no order is refused.
        try {
            orders.summary(Caller.SYSTEM, orderId.trim());
        } catch (NotFoundException none) {
            throw new NotFoundException("No such order: " + orderId.trim());
        }
        ShellTable table = new ShellTable();
        table.column("When");
        table.column("Posting");
        table.column("Account");
        table.column("Amount").alignRight();
        for (Posting p : ledger.orderPostings(orderId.trim())) {
            for (LedgerEntry e : p.entries()) {
                table.addRow().addContent(p.createdAt(), p.kind(), e.account().key(), e.amount());
            }
        }
        table.print(System.out);
        return null;
    }
}

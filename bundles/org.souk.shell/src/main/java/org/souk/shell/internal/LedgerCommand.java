package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Posting;

@Service
@Command(scope = "souk", name = "ledger", description = "An order's postings, oldest first: each entry with its account "
        + "and the amount it received (negative: money out)")
public class LedgerCommand implements Action {

    @Argument(index = 0, name = "order", required = true, description = "The order id")
    String orderId;

    @Reference
    LedgerService ledger;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("When");
        table.column("Posting");
        table.column("Account");
        table.column("Amount").alignRight();
        for (Posting p : ledger.orderPostings(orderId)) {
            for (LedgerEntry e : p.entries()) {
                table.addRow().addContent(p.createdAt(), p.kind(), e.account().key(), e.amount());
            }
        }
        table.print(System.out);
        return null;
    }
}

package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerService;

@Service
@Command(scope = "souk", name = "balance", description = "A freelancer's earnings per currency: pending, available, "
        + "reserved for a withdrawal, paid out")
public class BalanceCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "The freelancer's user id")
    String user;

    @Reference
    LedgerService ledger;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Currency");
        table.column("Pending").alignRight();
        table.column("Available").alignRight();
        table.column("Reserved").alignRight();
        table.column("Paid out").alignRight();
        table.column("Test (never withdrawn)").alignRight();
        for (FreelancerBalance b : ledger.balances(user)) {
            table.addRow().addContent(b.currency(), b.pending().toDecimalString(), b.available().toDecimalString(),
                    b.reserved().toDecimalString(), b.paidOut().toDecimalString(), b.test().toDecimalString());
        }
        table.print(System.out);
        return null;
    }
}

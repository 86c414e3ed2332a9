package org.souk.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.NotFoundException;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerService;

@Service
@Command(scope = "souk", name = "balance", description = "A freelancer's earnings per currency: pending, available, "
        + "reserved for a withdrawal, paid out")
public class BalanceCommand extends RefusingAction {

    @Argument(index = 0, name = "user", required = true, description = "The freelancer's user id")
    @Completion(IdCompleters.KnownUsers.class)
    String user;

    @Reference
    LedgerService ledger;

    /** Knows the users who signed in with an address or a language; absent when auth is not deployed. */
    @Reference(optional = true)
    UserDirectory users;

    @Override
    protected Object run() {
        String id = user.trim();
        List<FreelancerBalance> balances = ledger.balances(id);
        if (balances.isEmpty() && unknown(id)) {
            throw new NotFoundException("No such user " + id + ": nothing is recorded under this id (no ledger "
                    + "account, no contact details)");
        }
        ShellTable table = new ShellTable();
        table.column("Currency");
        table.column("Pending").alignRight();
        table.column("Available").alignRight();
        table.column("Reserved").alignRight();
        table.column("Paid out").alignRight();
        table.column("Test (never withdrawn)").alignRight();
        for (FreelancerBalance b : balances) {
            table.addRow().addContent(b.currency(), b.pending().toDecimalString(), b.available().toDecimalString(),
                    b.reserved().toDecimalString(), b.paidOut().toDecimalString(), b.test().toDecimalString());
        }
        table.print(System.out);
        return null;
    }

    /** Neither the ledger nor the user directory has heard of the id. */
    private boolean unknown(String id) {
        return ledger.entries(id, 0, 1).items().isEmpty() && (users == null || users.contact(id).isEmpty());
    }
}

package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.api.LedgerService;

@Service
@Command(scope = "souk", name = "ledger-check", description = "Verifies the ledger: every posting sums to zero, closed "
        + "orders' escrow is empty, balances add up; prints each difference")
public class LedgerCheckCommand extends RefusingAction {

    @Reference
    LedgerService ledger;

    @Override
    protected Object run() {
        LedgerCheck check = ledger.check();
        System.out.println("Checked " + check.postings() + " posting(s) on " + check.accounts() + " account(s): "
                + (check.clean() ? "clean" : check.differences().size() + " difference(s)"));
        check.differences().forEach(d -> System.out.println("  " + d));
        return null;
    }
}

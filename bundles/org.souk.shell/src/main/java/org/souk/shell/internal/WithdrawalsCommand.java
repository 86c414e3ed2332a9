package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;

@Service
@Command(scope = "souk", name = "withdrawals", description = "Withdrawal requests, newest first (all, or those in a status)")
public class WithdrawalsCommand extends RefusingAction {

    @Option(name = "-s", aliases = "--status", description = "REQUESTED, PAID or REJECTED")
    @Completion(ValueCompleters.WithdrawalStatuses.class)
    String status;

    @Option(name = "-n", description = "How many (1 to 100)")
    int limit = 50;

    @Reference
    LedgerService ledger;

    @Override
    protected Object run() {
        WithdrawalStatus wanted = Arguments.oneOf(WithdrawalStatus.class, "status", status);
        int max = Arguments.within("n", limit, 1, Page.MAX_LIMIT);
        Page<Withdrawal> page = ledger.withdrawals(Caller.SYSTEM, wanted, 0, max);
        ShellTable table = new ShellTable();
        table.column("Withdrawal");
        table.column("Freelancer");
        table.column("Amount").alignRight();
        table.column("Status");
        table.column("Requested");
        table.column("Decided by");
        table.column("Reference / reason");
        for (Withdrawal w : page.items()) {
            table.addRow().addContent(w.id(), w.freelancerId(), w.amount(),
                    w.payoutProvider() == null ? w.status() : w.status() + " via " + w.payoutProvider(), w.requestedAt(),
                    w.decidedBy() == null ? "" : w.decidedBy(),
                    w.reference() != null ? w.reference() : w.reason() == null ? "" : w.reason());
        }
        table.print(System.out);
        return null;
    }
}

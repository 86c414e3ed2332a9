package org.souk.shell.internal;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;

@Service
@Command(scope = "souk", name = "withdrawals", description = "Withdrawal requests, newest first (all, or those in a status)")
public class WithdrawalsCommand implements Action {

    @Option(name = "-s", aliases = "--status", description = "REQUESTED, PAID or REJECTED")
    String status;

    @Option(name = "-n", description = "How many (at most 100)")
    int limit = 50;

    @Reference
    LedgerService ledger;

    @Override
    public Object execute() {
        WithdrawalStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = WithdrawalStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("status", "one of " + java.util.Arrays.toString(WithdrawalStatus.values()));
            }
        }
        Page<Withdrawal> page = ledger.withdrawals(Caller.SYSTEM, wanted, 0, Math.max(1, Math.min(limit, Page.MAX_LIMIT)));
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

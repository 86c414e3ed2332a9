package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Withdrawal;

@Service
@Command(scope = "souk", name = "withdrawal-reject", description = "Rejects a requested withdrawal: the amount is "
        + "available to the freelancer again")
public class WithdrawalRejectCommand extends RefusingAction {

    @Argument(index = 0, name = "id", required = true, description = "The withdrawal id (see souk:withdrawals)")
    @Completion(WithdrawalPayoutCommand.RequestedWithdrawals.class)
    String id;

    @Argument(index = 1, name = "reason", required = true, description = "Why, for the freelancer")
    String reason;

    @Reference
    LedgerService ledger;

    @Override
    protected Object run() {
        Withdrawal w = ledger.rejectWithdrawal(ConsoleCaller.admin(), id, reason);
        System.out.println("Withdrawal " + w.id() + " of " + w.amount() + " is " + w.status() + ": " + w.reason());
        return null;
    }
}

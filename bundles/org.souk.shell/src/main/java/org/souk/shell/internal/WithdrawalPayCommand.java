package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Withdrawal;

@Service
@Command(scope = "souk", name = "withdrawal-pay", description = "Records that a requested withdrawal was paid out "
        + "(by bank transfer, say), with the payout's reference")
public class WithdrawalPayCommand extends RefusingAction {

    @Argument(index = 0, name = "id", required = true, description = "The withdrawal id (see souk:withdrawals)")
    @Completion(WithdrawalPayoutCommand.RequestedWithdrawals.class)
    String id;

    @Argument(index = 1, name = "reference", required = true, description = "The payout's external reference")
    String reference;

    @Reference
    LedgerService ledger;

    @Override
    protected Object run() {
        Withdrawal w = ledger.payWithdrawal(ConsoleCaller.admin(), id, reference);
        System.out.println("Withdrawal " + w.id() + " of " + w.amount() + " to " + w.freelancerId() + " is " + w.status()
                + " (" + w.reference() + ")");
        return null;
    }
}

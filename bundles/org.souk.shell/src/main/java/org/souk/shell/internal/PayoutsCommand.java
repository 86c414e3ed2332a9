package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.ledger.api.PayoutService;
import org.souk.ledger.api.Withdrawal;

/** The withdrawals payout providers are paying, and the providers deployed; --check asks the providers now. */
@Service
@Command(scope = "souk", name = "payouts", description = "Lists the withdrawals payout providers are paying, oldest "
        + "first (with --check, asks the providers about them now instead of waiting for the next poll)")
public class PayoutsCommand extends RefusingAction {

    /** The most payouts in flight the payout service lists at once. */
    static final int MAX = 500;

    @Option(name = "--check", description = "Ask the providers now and decide the payouts they settled")
    boolean check;

    @Option(name = "-n", description = "How many to list (1 to " + PayoutsCommand.MAX + ")")
    int limit = 50;

    @Reference
    PayoutService payouts;

    @Override
    protected Object run() {
        int max = Arguments.within("n", limit, 1, MAX);
        if (check) {
            System.out.println(payouts.checkPayouts(500) + " payout(s) settled by their provider");
        }
        System.out.println("Payout providers: " + (payouts.payoutProviders().isEmpty() ? "none deployed"
                : String.join(", ", payouts.payoutProviders())));
        ShellTable table = new ShellTable();
        table.column("Withdrawal");
        table.column("Freelancer");
        table.column("Amount").alignRight();
        table.column("Provider");
        table.column("Reference");
        table.column("Requested");
        for (Withdrawal w : payouts.payoutsInFlight(max)) {
            table.addRow().addContent(w.id(), w.freelancerId(), w.amount(), w.payoutProvider(),
                    w.reference() == null ? "(no answer yet)" : w.reference(), w.requestedAt());
        }
        table.print(System.out);
        return null;
    }
}

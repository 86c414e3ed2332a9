package org.souk.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.souk.ledger.api.PayoutService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;

/**
 * An administrator's escape for a stuck payout claim, through the same door as the API: the provider is asked
 * once more; paid if it says so, else the claim is released and the withdrawal may be paid or rejected by hand.
 */
@Service
@Command(scope = "souk", name = "withdrawal-payout-release", description = "Releases a withdrawal's stuck payout "
        + "claim (provider gone, batch lost) after asking the provider once more, so it may be paid or rejected by hand")
public class WithdrawalPayoutReleaseCommand extends RefusingAction {

    @Argument(index = 0, name = "id", required = true, description = "The withdrawal id (see souk:payouts)")
    @Completion(ClaimedWithdrawals.class)
    String id;

    @Argument(index = 1, name = "note", required = true, multiValued = true,
            description = "Why: what the provider or the bank said")
    List<String> note;

    @Reference
    PayoutService payouts;

    @Override
    protected Object run() {
        Withdrawal w = payouts.releasePayout(ConsoleCaller.admin(), id, note == null ? null : String.join(" ", note));
        if (w.status() == WithdrawalStatus.PAID) {
            System.out.println("Withdrawal " + w.id() + " was paid by its provider (" + w.reference() + "): nothing released");
        } else {
            System.out.println("Withdrawal " + w.id() + " of " + w.amount() + " to " + w.freelancerId() + " is " + w.status()
                    + ", released from its payout provider: pay or reject it by hand (souk:withdrawal-pay, souk:withdrawal-reject)");
        }
        return null;
    }

    /** The ids of the withdrawals a provider is paying. */
    @Service
    public static class ClaimedWithdrawals implements Completer {

        @Reference
        PayoutService payouts;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter ids = new StringsCompleter();
            for (Withdrawal w : payouts.payoutsInFlight(500)) {
                ids.getStrings().add(w.id());
            }
            return ids.complete(session, commandLine, candidates);
        }
    }
}

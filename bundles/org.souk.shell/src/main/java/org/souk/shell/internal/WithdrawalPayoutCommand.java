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
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.PayoutService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;

/**
 * An administrator pays a requested withdrawal through a deployed payout provider, through the same door as
 * the API: claimed once, the provider asked, the withdrawal paid, rejected or left with the provider.
 */
@Service
@Command(scope = "souk", name = "withdrawal-payout", description = "Pays a requested withdrawal through a payout "
        + "provider (such as banktransfer), to the freelancer's payout details; once, however often it is asked")
public class WithdrawalPayoutCommand extends RefusingAction {

    @Argument(index = 0, name = "id", required = true, description = "The withdrawal id (see souk:withdrawals -s REQUESTED)")
    @Completion(RequestedWithdrawals.class)
    String id;

    @Argument(index = 1, name = "provider", required = true, description = "The payout provider's id (see souk:payouts)")
    @Completion(PayoutProviderIds.class)
    String provider;

    @Argument(index = 2, name = "reason", required = true, multiValued = true,
            description = "Why it is paid out now (required: it goes to the audit trail)")
    List<String> reason;

    @Reference
    PayoutService payouts;

    @Override
    protected Object run() {
        Withdrawal w = payouts.payOut(ConsoleCaller.admin(), id, provider, reason == null ? null : String.join(" ", reason));
        String state = switch (w.status()) {
            case PAID -> "PAID (" + w.reference() + ")";
            case REJECTED -> "REJECTED by " + w.payoutProvider() + ": " + w.reason() + "; the amount is available again";
            case REQUESTED -> "with " + w.payoutProvider() + (w.reference() == null ? "" : " (" + w.reference() + ")")
                    + ", to be paid when it says so (souk:payouts)";
        };
        System.out.println("Withdrawal " + w.id() + " of " + w.amount() + " to " + w.freelancerId() + " is " + state);
        return null;
    }

    /** The ids of the open withdrawals that no provider is paying yet. */
    @Service
    public static class RequestedWithdrawals implements Completer {

        @Reference
        LedgerService ledger;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter ids = new StringsCompleter();
            for (Withdrawal w : ledger.withdrawals(Caller.SYSTEM, WithdrawalStatus.REQUESTED, 0, Page.MAX_LIMIT).items()) {
                if (w.payoutProvider() == null) {
                    ids.getStrings().add(w.id());
                }
            }
            return ids.complete(session, commandLine, candidates);
        }
    }

    /** The payout providers deployed now. */
    @Service
    public static class PayoutProviderIds implements Completer {

        @Reference
        PayoutService payouts;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter ids = new StringsCompleter();
            ids.getStrings().addAll(payouts.payoutProviders());
            return ids.complete(session, commandLine, candidates);
        }
    }
}

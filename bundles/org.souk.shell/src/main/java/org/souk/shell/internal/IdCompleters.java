package org.souk.shell.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;

/**
 * Completes the ids an administrator is likely to want: the newest orders, the users on them and
 * the refunds needing attention. Bounded lists: a TAB never scans the database.
 */
final class IdCompleters {

    /** How many of the newest orders are offered. */
    static final int RECENT = Page.MAX_LIMIT;

    private IdCompleters() {
    }

    static int offer(Set<String> ids, Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }

    /** The ids of the newest orders. */
    @Service
    public static class RecentOrders implements Completer {

        @Reference
        OrderService orders;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            Set<String> ids = new LinkedHashSet<>();
            for (OrderSummary o : orders.list(Caller.SYSTEM, new OrderQuery(null, 0, RECENT)).items()) {
                ids.add(o.id());
            }
            return offer(ids, session, commandLine, candidates);
        }
    }

    /** The clients and freelancers of the newest orders, and the freelancers with a withdrawal waiting. */
    @Service
    public static class KnownUsers implements Completer {

        @Reference
        OrderService orders;

        @Reference
        LedgerService ledger;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            Set<String> ids = new LinkedHashSet<>();
            for (OrderSummary o : orders.list(Caller.SYSTEM, new OrderQuery(null, 0, RECENT)).items()) {
                ids.add(o.clientId());
                ids.add(o.freelancerId());
            }
            for (Withdrawal w : ledger.withdrawals(Caller.SYSTEM, WithdrawalStatus.REQUESTED, 0, Page.MAX_LIMIT).items()) {
                ids.add(w.freelancerId());
            }
            return offer(ids, session, commandLine, candidates);
        }
    }

    /** The ids of the refunds an administrator should look at (see souk:refunds). */
    @Service
    public static class RefundsNeedingAttention implements Completer {

        @Reference
        PaymentService payments;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            Set<String> ids = new LinkedHashSet<>();
            for (Refund r : payments.refundsNeedingAttention(Page.MAX_LIMIT)) {
                ids.add(r.id());
            }
            return offer(ids, session, commandLine, candidates);
        }
    }
}

package org.souk.shell.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.SignedMoney;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeService;
import org.souk.order.api.Order;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderService;
import org.souk.order.api.RequestKind;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentAttempt;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.PaymentTransaction;
import org.souk.payment.api.Refund;

@Service
@Command(scope = "souk", name = "order", description = "Shows one order in one view: its package, payment and attempts, "
        + "refunds, requests, dispute, ledger totals and timeline")
public class OrderCommand extends RefusingAction {

    @Argument(index = 0, name = "id", required = true, description = "The order id")
    @Completion(IdCompleters.RecentOrders.class)
    String id;

    @Reference
    OrderService orders;

    @Reference
    PaymentService payments;

    @Reference
    DisputeService disputes;

    @Reference
    LedgerService ledger;

    @Override
    protected Object run() {
        PrintStream out = System.out;
        Order o = orders.get(Caller.SYSTEM, existing(id));
        out.println("Order        " + o.id());
        out.println("Status       " + o.status() + (o.stage() == null ? "" : " / " + o.stage())
                + (o.cancellationReason() == null ? "" : " (" + o.cancellationReason() + ")"));
        out.println("Gig          " + o.gigTitle() + " (" + o.gigId() + ")");
        out.println("Package      " + o.pkg().tier() + " \"" + o.pkg().title() + "\", " + o.pkg().deliveryDays()
                + " day(s), " + o.pkg().revisions() + " revision(s), " + o.revisionsUsed() + " used");
        out.println("Total        " + o.total());
        out.println("Client       " + o.clientId());
        out.println("Freelancer   " + o.freelancerId());
        out.println("Placed       " + o.placedAt());
        out.println("Updated      " + o.updatedAt());
        if (o.dueAt() != null) {
            out.println("Due          " + o.dueAt());
        }
        o.deadlines().forEach((kind, at) -> out.println("Deadline     " + kind + " at " + at));
        for (OrderRequest r : o.openRequests()) {
            out.println("Open request " + r.kind() + " " + r.id() + " by " + r.requestedBy() + " at " + r.requestedAt()
                    + (r.refund() == null ? "" : ", refund " + r.refund()) + (r.days() == null ? "" : ", " + r.days() + " more day(s)")
                    + (r.answerBy() == null ? "" : ", accepted automatically at " + r.answerBy()) + ": " + r.reason());
        }
        for (RequestKind kind : RequestKind.values()) {
            OrderRequest r = latestRequest(o.id(), kind);
            if (r != null && !r.isOpen()) {
                out.println("Request      " + r.kind() + " " + r.id() + " by " + r.requestedBy() + " at " + r.requestedAt()
                        + ": " + r.reason() + " -> " + r.status() + (r.answeredBy() == null ? "" : " by " + r.answeredBy())
                        + (r.answeredAt() == null ? "" : " at " + r.answeredAt())
                        + (r.answerNote() == null ? "" : " (" + r.answerNote() + ")"));
            }
        }
        Dispute d = disputes.latestOfOrder(Caller.SYSTEM, o.id());
        if (d != null) {
            out.println("Dispute      " + d.id() + " " + d.status() + " opened by " + d.openedBy() + " at " + d.openedAt()
                    + ": " + d.reason() + (d.decision() == null ? "" : " -> " + d.decision() + " by " + d.decidedBy()
                    + " at " + d.decidedAt() + (d.refund() == null ? "" : ", refund " + d.refund())
                    + (d.note() == null ? "" : " (" + d.note() + ")")));
        }
        Payment p = payments.findByOrder(Caller.SYSTEM, id).orElse(null);
        if (p == null) {
            out.println("Payment      none yet");
        } else {
            out.println("Payment      " + p.id() + " " + p.status() + (p.test() ? " TEST (no real money)" : "") + " "
                    + p.amount() + " by " + p.method() + " via "
                    + p.provider() + (p.transactionId() == null ? "" : ", transaction " + p.transactionId())
                    + (p.failureReason() == null ? "" : " (" + p.failureReason() + ")"));
            for (PaymentAttempt a : p.attempts()) {
                out.println("Attempt " + a.number() + "    " + a.status() + " " + a.method() + " via " + a.provider()
                        + (a.gatewayReference() == null ? "" : ", gateway reference " + a.gatewayReference())
                        + (a.failureReason() == null ? "" : " (" + a.failureReason() + ")") + ", " + a.startedAt()
                        + (a.endedAt() == null ? "" : " to " + a.endedAt()));
            }
            for (PaymentTransaction t : p.transactions()) {
                out.println("             " + t.at() + " " + t.kind() + " -> " + t.outcome()
                        + (t.message() == null ? "" : ": " + t.message()));
            }
        }
        List<Refund> refunds = payments.refunds(Caller.SYSTEM, o.id());
        if (refunds.isEmpty()) {
            out.println("Refunds      none");
        }
        for (Refund r : refunds) {
            out.println("Refund       " + r.id() + " " + r.status() + " " + r.amount() + " requested by " + r.requestedBy()
                    + " at " + r.requestedAt() + ": " + r.reason()
                    + (r.gatewayReference() == null ? "" : ", gateway reference " + r.gatewayReference())
                    + (r.needsAttention() ? " (needs attention)" : ""));
        }
        Map<String, SignedMoney> totals = ledgerTotals(o.id());
        if (totals.isEmpty()) {
            out.println("Ledger       no postings");
        }
        totals.forEach((account, total) -> out.println("Ledger       " + account + " " + total.toDecimalString() + " "
                + total.currency()));
        out.println();
        ShellTable timeline = new ShellTable();
        timeline.column("#").alignRight();
        timeline.column("When");
        timeline.column("From");
        timeline.column("To");
        timeline.column("By");
        timeline.column("Why");
        for (OrderEvent e : o.timeline()) {
            timeline.addRow().addContent(e.sequence(), e.at(), state(e.fromStatus(), e.fromStage()),
                    state(e.toStatus(), e.toStage()), e.actor(), e.reason() == null ? "" : e.reason());
        }
        timeline.print(out);
        return null;
    }

    /** The id itself, if it names an order; otherwise the refusal an operator reads. */
    private String existing(String orderId) {
        try {
            return orders.summary(Caller.SYSTEM, orderId.trim()).id();
        } catch (NotFoundException none) {
            throw new NotFoundException("No such order: " + orderId.trim());
        }
    }

    private OrderRequest latestRequest(String orderId, RequestKind kind) {
        try {
            return orders.latestRequest(Caller.SYSTEM, orderId, kind);
        } catch (NotFoundException never) {
            return null;
        }
    }

    /** What each account received from the order's postings in all, by account, in the order they were first touched. */
    private Map<String, SignedMoney> ledgerTotals(String orderId) {
        Map<String, SignedMoney> totals = new LinkedHashMap<>();
        for (Posting p : ledger.orderPostings(orderId)) {
            for (LedgerEntry e : p.entries()) {
                totals.merge(e.account().key(), e.amount(), SignedMoney::plus);
            }
        }
        return totals;
    }

    private static String state(Object status, Object stage) {
        if (status == null) {
            return "";
        }
        return stage == null ? status.toString() : status + "/" + stage;
    }
}

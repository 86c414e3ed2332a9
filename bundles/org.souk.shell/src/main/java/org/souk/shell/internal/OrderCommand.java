package org.souk.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.order.api.Order;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderService;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.PaymentTransaction;

@Service
@Command(scope = "souk", name = "order", description = "Shows one order with its package, payment and timeline")
public class OrderCommand extends RefusingAction {

    @Argument(index = 0, name = "id", required = true, description = "The order id")
    @Completion(IdCompleters.RecentOrders.class)
    String id;

    @Reference
    OrderService orders;

    @Reference
    PaymentService payments;

    @Override
    protected Object run() {
        PrintStream out = System.out;
        Order o = orders.get(Caller.SYSTEM, id);
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
        Payment p = payments.findByOrder(Caller.SYSTEM, id).orElse(null);
        if (p == null) {
            out.println("Payment      none yet");
        } else {
            out.println("Payment      " + p.id() + " " + p.status() + (p.test() ? " TEST (no real money)" : "") + " "
                    + p.amount() + " by " + p.method() + " via "
                    + p.provider() + (p.transactionId() == null ? "" : ", transaction " + p.transactionId())
                    + (p.failureReason() == null ? "" : " (" + p.failureReason() + ")"));
            for (PaymentTransaction t : p.transactions()) {
                out.println("             " + t.at() + " " + t.kind() + " -> " + t.outcome()
                        + (t.message() == null ? "" : ": " + t.message()));
            }
        }
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

    private static String state(Object status, Object stage) {
        if (status == null) {
            return "";
        }
        return stage == null ? status.toString() : status + "/" + stage;
    }
}

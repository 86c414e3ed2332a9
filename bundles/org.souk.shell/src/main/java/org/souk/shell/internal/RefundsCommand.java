package org.souk.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;

@Service
@Command(scope = "souk", name = "refunds", description = "Lists refunds oldest first: by default those an administrator "
        + "should look at (MANUAL, FAILED, or not settled by the gateway after the configured asks), else those in a status")
public class RefundsCommand extends RefusingAction {

    @Option(name = "-s", aliases = "--status", description = "REQUESTED, PENDING, SUCCEEDED, FAILED or MANUAL")
    @Completion(ValueCompleters.RefundStatuses.class)
    String status;

    @Reference
    PaymentService payments;

    @Override
    protected Object run() {
        RefundStatus wanted = Arguments.oneOf(RefundStatus.class, "status", status);
        ShellTable table = new ShellTable();
        table.column("Refund");
        table.column("Order");
        table.column("Amount").alignRight();
        table.column("Status");
        table.column("Why");
        table.column("Requested");
        table.column("Asked").alignRight();
        table.column("Message");
        List<Refund> refunds = wanted == null ? payments.refundsNeedingAttention(100) : payments.refundsIn(wanted, 100);
        for (Refund r : refunds) {
            table.addRow().addContent(r.id(), r.orderId(), r.amount(), r.status() + (r.needsAttention() ? " !" : ""),
                    r.reason(), r.requestedAt(), r.attempts(), r.message() == null ? "" : r.message());
        }
        table.print(System.out);
        return null;
    }
}

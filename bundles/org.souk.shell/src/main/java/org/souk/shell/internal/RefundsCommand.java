package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;

@Service
@Command(scope = "souk", name = "refunds", description = "Lists refunds in a status, oldest first (default: MANUAL, the ones waiting for an administrator)")
public class RefundsCommand implements Action {

    @Option(name = "-s", aliases = "--status", description = "REQUESTED, PENDING, SUCCEEDED, FAILED or MANUAL")
    String status = "MANUAL";

    @Reference
    PaymentService payments;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Refund");
        table.column("Order");
        table.column("Amount").alignRight();
        table.column("Status");
        table.column("Why");
        table.column("Requested");
        table.column("Message");
        for (Refund r : payments.refundsIn(RefundStatus.valueOf(status.trim().toUpperCase()), 100)) {
            table.addRow().addContent(r.id(), r.orderId(), r.amount(), r.status(), r.reason(), r.requestedAt(),
                    r.message() == null ? "" : r.message());
        }
        table.print(System.out);
        return null;
    }
}

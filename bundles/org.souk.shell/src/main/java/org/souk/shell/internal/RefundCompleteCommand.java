package org.souk.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;

/**
 * The administrator refunded a MANUAL or FAILED refund outside Souk (bank transfer, gateway dashboard) and
 * records it. A refund still with the gateway is refused: the gateway may yet pay it out.
 */
@Service
@Command(scope = "souk", name = "refund-complete", description = "Marks a MANUAL or FAILED refund as done, after refunding outside Souk")
public class RefundCompleteCommand extends RefusingAction {

    @Argument(index = 0, name = "refund", required = true, description = "The refund id (see souk:refunds)")
    @Completion(IdCompleters.RefundsNeedingAttention.class)
    String refundId;

    @Argument(index = 1, name = "reason", required = true, multiValued = true,
            description = "How it was refunded, e.g. a bank transfer's reference (required: it goes to the audit trail)")
    List<String> reason;

    @Reference
    PaymentService payments;

    @Override
    protected Object run() {
        Refund r = payments.completeManualRefund(ConsoleCaller.admin(), refundId,
                reason == null ? null : String.join(" ", reason));
        System.out.println("Refund " + r.id() + " of " + r.amount() + " is " + r.status() + ": " + r.message());
        return null;
    }
}

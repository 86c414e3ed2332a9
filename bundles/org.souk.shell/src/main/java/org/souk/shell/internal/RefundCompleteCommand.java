package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.common.api.Caller;
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

    @Argument(index = 1, name = "note", description = "How it was refunded, e.g. a bank transfer reference")
    String note;

    @Reference
    PaymentService payments;

    @Override
    protected Object run() {
        Refund r = payments.completeManualRefund(new Caller("console", org.souk.common.api.Role.ADMIN), refundId, note);
        System.out.println("Refund " + r.id() + " of " + r.amount() + " is " + r.status() + ": " + r.message());
        return null;
    }
}

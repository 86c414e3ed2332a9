package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;

/** Asks the gateway about a refund it has not settled now, instead of at its next retry. */
@Service
@Command(scope = "souk", name = "refund-retry", description = "Asks the gateway about a REQUESTED or PENDING refund now "
        + "(same idempotency key: it never pays twice)")
public class RefundRetryCommand extends RefusingAction {

    @Argument(index = 0, name = "refund", required = true, description = "The refund id (see souk:refunds)")
    @Completion(IdCompleters.RefundsNeedingAttention.class)
    String refundId;

    @Reference
    PaymentService payments;

    @Override
    protected Object run() {
        Refund r = payments.retryRefund(ConsoleCaller.admin(), refundId);
        System.out.println("Refund " + r.id() + " of " + r.amount() + " is " + r.status() + " after " + r.attempts()
                + " ask(s)" + (r.message() == null ? "" : ": " + r.message()));
        return null;
    }
}

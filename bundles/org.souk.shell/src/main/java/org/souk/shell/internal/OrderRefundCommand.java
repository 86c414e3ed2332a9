package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderService;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.Refund;

/** An administrator refunds a completed order: the money is taken back from the freelancer's earnings and the platform's commission. */
@Service
@Command(scope = "souk", name = "order-refund", description = "Refunds part or all of a completed order (its money was "
        + "released: the ledger claws it back)")
public class OrderRefundCommand extends RefusingAction {

    @Argument(index = 0, name = "order", required = true, description = "The order id")
    @Completion(IdCompleters.RecentOrders.class)
    String orderId;

    @Argument(index = 1, name = "amount", required = true, description = "In the order's currency, e.g. 50.00")
    String amount;

    @Argument(index = 2, name = "reason", required = true, description = "Why, for both sides")
    String reason;

    @Reference
    PaymentService payments;

    @Reference
    OrderService orders;

    @Override
    protected Object run() {
        Caller admin = ConsoleCaller.admin();
        Money back;
        try {
            back = Money.parse(amount, orders.summary(admin, orderId).total().currency());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("amount", e.getMessage());
        }
        Refund r = payments.refundCompleted(admin, orderId, back, reason);
        System.out.println("Refund " + r.id() + " of " + r.amount() + " for order " + r.orderId() + " is " + r.status()
                + "; the ledger took it back from the freelancer's earnings and the commission");
        return null;
    }
}

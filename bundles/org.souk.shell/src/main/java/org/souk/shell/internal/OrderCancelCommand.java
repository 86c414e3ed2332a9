package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderService;
import org.souk.payment.api.Cancellation;
import org.souk.payment.api.PaymentService;

/**
 * An administrator cancels an order, through the same door as the API: a paid order is refunded in full
 * or by the amount given, a payment under way is looked up once more and failed if still unsettled.
 */
@Service
@Command(scope = "souk", name = "order-cancel", description = "Cancels an order as an administrator (a paid one "
        + "is refunded in full, or by --refund)")
public class OrderCancelCommand extends RefusingAction {

    @Argument(index = 0, name = "order", required = true, description = "The order id (see souk:orders)")
    @Completion(IdCompleters.RecentOrders.class)
    String orderId;

    @Argument(index = 1, name = "reason", required = true, description = "POLICY_VIOLATION, LATE_DELIVERY, "
            + "MUTUAL_AGREEMENT, FREELANCER_DECLINED, CLIENT_WITHDREW, PAYMENT_FAILED or PAYMENT_EXPIRED")
    @Completion(ValueCompleters.CancellationReasons.class)
    String reason;

    @Argument(index = 2, name = "note", description = "Why, for the order's timeline")
    String note;

    @Option(name = "--refund", description = "What goes back to the client of a paid order, in its currency "
            + "(e.g. 150.00; 0 for nothing); the whole total if omitted")
    String refund;

    @Reference
    PaymentService payments;

    @Reference
    OrderService orders;

    @Override
    protected Object run() {
        CancellationReason why = Arguments.oneOf(CancellationReason.class, "reason", reason);
        Caller admin = ConsoleCaller.admin();
        Cancellation done;
        if (refund == null) {
            done = payments.cancel(admin, orderId, why, note);
        } else {
            String currency = orders.summary(admin, orderId).total().currency();
            Money back;
            try {
                back = Money.parse(refund, currency);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("refund", e.getMessage());
            }
            done = payments.cancel(admin, orderId, why, note, back);
        }
        System.out.println("Order " + done.order().id() + " is " + done.order().status() + " ("
                + done.order().cancellationReason() + ")" + (done.refund() == null ? ""
                        : "; refund " + done.refund().id() + " of " + done.refund().amount() + " is " + done.refund().status()));
        return null;
    }
}

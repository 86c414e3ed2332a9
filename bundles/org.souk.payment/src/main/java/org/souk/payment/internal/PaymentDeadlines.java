package org.souk.payment.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineHandler;
import org.souk.order.api.DeadlineKind;
import org.souk.payment.api.PaymentService;
import org.souk.persistence.Conflicts;

/**
 * The order deadlines that move money: an unpaid order expires (its pending payment looked up first), a
 * paid order not accepted in time is declined with a full refund, and a cancellation request not answered
 * in time is accepted with the refund it proposed. Each goes through the payment service's cancellation,
 * as {@code system}; an order that moved on meanwhile refuses it, and the deadline is then done.
 */
@Component
public class PaymentDeadlines implements DeadlineHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentDeadlines.class);

    private final PaymentService payments;

    @Activate
    public PaymentDeadlines(@Reference PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public Set<DeadlineKind> kinds() {
        return Set.of(DeadlineKind.PAYMENT_EXPIRY, DeadlineKind.ACCEPTANCE, DeadlineKind.CANCELLATION_ANSWER);
    }

    @Override
    public void fire(Deadline deadline) {
        try {
            switch (deadline.kind()) {
                case PAYMENT_EXPIRY -> payments.cancel(Caller.SYSTEM, deadline.orderId(),
                        CancellationReason.PAYMENT_EXPIRED, "not paid within the payment window");
                case ACCEPTANCE -> payments.cancel(Caller.SYSTEM, deadline.orderId(),
                        CancellationReason.FREELANCER_DECLINED, "not accepted within the acceptance window");
                case CANCELLATION_ANSWER -> payments.acceptCancellation(Caller.SYSTEM, deadline.orderId(),
                        "not answered within the answer window");
                default -> throw new IllegalArgumentException("not a payment deadline: " + deadline.kind());
            }
        } catch (ConflictException movedOn) {
            if (Conflicts.isConflict(movedOn)) {
                // Another change of the order won the race: nothing was done, so the deadline is tried again.
                throw movedOn;
            }
            LOG.info("Deadline {} of order {}: nothing to do ({})", deadline.kind(), deadline.orderId(),
                    movedOn.getMessage());
        }
    }
}

package org.souk.payment.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.payment.api.PaymentService;

/**
 * Reconciles pending payments on Karaf's scheduler (a whiteboard Runnable: no thread of our own), so a
 * lost webhook or a gateway timeout never leaves a payment pending for good.
 */
@Component(service = Runnable.class, configurationPid = "org.souk.payment.reconciliation",
        property = {"scheduler.name=souk-payment-reconciliation", "scheduler.period:Long=60",
                "scheduler.concurrent:Boolean=false"})
@Designate(ocd = ScheduledReconciliation.Config.class)
public class ScheduledReconciliation implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledReconciliation.class);

    @ObjectClassDefinition(name = "Souk payment reconciliation")
    public @interface Config {
        @AttributeDefinition(name = "Run every (seconds)")
        long scheduler_period() default 60;

        @AttributeDefinition(name = "Ask about payments pending for at least (seconds)")
        long pending_after_seconds() default 300;

        @AttributeDefinition(name = "Refunds: first retry after",
                description = "ISO-8601 duration; each later wait doubles. A refund the gateway has not settled "
                        + "(no answer, a 5xx, pending) is asked again with the same idempotency key")
        String refund_retry_first() default "PT1M";

        @AttributeDefinition(name = "Refunds: longest wait between retries", description = "ISO-8601 duration")
        String refund_retry_longest() default "PT6H";

        @AttributeDefinition(name = "Refunds: asks before an administrator is told",
                description = "The refund shows in souk:refunds; it is still asked after that, at the longest interval")
        int refund_retry_attempts() default 10;

        @AttributeDefinition(name = "Unsettled attempts: looked up for",
                description = "ISO-8601 duration. An attempt still unsettled when Souk failed it (its order was "
                        + "cancelled, its payment window ended) is looked up again for this long after, first after a "
                        + "minute, each wait twice the last, at most 6 hours: a success the gateway reports late is "
                        + "refunded")
        String reconciliation_unsettled_window() default "P7D";
    }

    private final PaymentService payments;
    private final Duration pendingFor;

    @Activate
    public ScheduledReconciliation(@Reference PaymentService payments, Config config) {
        this.payments = payments;
        this.pendingFor = Duration.ofSeconds(config.pending_after_seconds());
    }

    @Override
    public void run() {
        try {
            payments.reconcile(pendingFor);
        } catch (RuntimeException e) {
            LOG.error("Payment reconciliation failed", e);
        }
    }
}

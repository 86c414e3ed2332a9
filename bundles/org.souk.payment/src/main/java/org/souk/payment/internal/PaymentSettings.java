package org.souk.payment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The payments' own settings, in {@code org.souk.payment}. Described for the console's {@code config:} commands
 * only: {@link JpaPaymentService} reads the raw value, so that it knows whether this PID sets it at all
 * ({@link AttemptSettings}).
 */
@ObjectClassDefinition(name = "Souk payments", pid = PaymentSettings.PID)
@interface PaymentSettings {

    String PID = "org.souk.payment";

    @AttributeDefinition(name = "Payment attempts", description = "How many declined attempts an order's payment "
            + "may have: the client pays again after each decline, and the order is cancelled (PAYMENT_FAILED) "
            + "when this many were declined")
    int payment_max_attempts() default 3;
}

package org.souk.payment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundRequest;
import org.souk.payment.api.Refund;

/** What is asked of which provider for a refund: decided from the refund and its payment alone. */
record RefundAsk(String provider, RefundRequest request) {

    /**
     * The gateway request for a refund: the charge it gives back is the payment's unless the refund names
     * another (another attempt's), and then so are the provider asked and what that charge took in another
     * currency.
     */
    static RefundAsk of(RefundEntity refund, PaymentEntity payment) {
        Refund r = refund.toRefund();
        boolean ownCharge = refund.provider() == null;
        String provider = ownCharge ? payment.provider() : refund.provider();
        Money charged = ownCharge ? payment.charged() : refund.charged();
        // Another attempt's charge is never given back under the payment's reference, even if the gateway never
        // named it: the provider is then asked with none, and an administrator completes what it cannot.
        String reference = ownCharge && refund.chargeReference() == null ? payment.gatewayReference()
                : refund.chargeReference();
        return new RefundAsk(provider, new RefundRequest(r.id(), payment.id(), reference, r.amount(), r.reason(), r.id(),
                chargedPart(charged, payment.amount(), r.amount())));
    }

    /**
     * What to give back in the currency the gateway charged, for a refund of part of a converted payment:
     * the same share of what was charged, rounded half-even to the charged currency's minor unit, so that
     * the parts of a payment never add up to more than was charged by more than one minor unit. The whole
     * amount gives back exactly what was charged.
     */
    static Money chargedPart(Money charged, Money amount, Money refund) {
        if (charged == null) {
            return null;
        }
        if (refund.minor() == amount.minor()) {
            return charged;
        }
        long part = BigDecimal.valueOf(charged.minor()).multiply(BigDecimal.valueOf(refund.minor()))
                .divide(BigDecimal.valueOf(amount.minor()), 0, RoundingMode.HALF_EVEN).longValueExact();
        return new Money(part, charged.currency());
    }
}

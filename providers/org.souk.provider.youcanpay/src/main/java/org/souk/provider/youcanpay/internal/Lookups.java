package org.souk.provider.youcanpay.internal;

import static org.souk.provider.youcanpay.internal.Transactions.CANCELED;
import static org.souk.provider.youcanpay.internal.Transactions.FAILED;
import static org.souk.provider.youcanpay.internal.Transactions.PAID;
import static org.souk.provider.youcanpay.internal.Transactions.PENDING;
import static org.souk.provider.youcanpay.internal.Transactions.REFUNDED;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.provider.youcanpay.internal.Transactions.Transaction;

/** Where a payment stands, from YouCanPay's record of its transaction, checked against the payment. */
final class Lookups {

    /** Logs under the provider's name, where an operator looks for YouCanPay's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);

    private final Transactions transactions;

    Lookups(Transactions transactions) {
        this.transactions = transactions;
    }

    ProviderResult fetch(PaymentLookup lookup) {
        String reference = lookup.gatewayReference();
        if (Settings.blank(reference)) {
            return ProviderResult.unknown("YouCanPay never gave a reference for payment " + lookup.paymentId());
        }
        Transaction tx;
        try {
            tx = transactions.get(reference);
        } catch (Stop stop) {
            return stop.result;
        }
        // Souk's payment id went to tokenize as order_id: a record that names no order, or another one, is
        // not this payment's, whatever it says about money.
        if (tx.orderId() == null || !tx.orderId().equals(lookup.paymentId())) {
            LOG.warn("YouCanPay transaction {} belongs to {}, not to payment {}: left for an administrator", tx.id(),
                    tx.orderId() == null ? "no order" : tx.orderId(), lookup.paymentId());
            return new ProviderResult(ProviderStatus.UNKNOWN, tx.id(), "order mismatch: YouCanPay transaction " + tx.id() + " belongs to "
                    + (tx.orderId() == null ? "no order" : tx.orderId()) + ", not to payment " + lookup.paymentId(), null);
        }
        if (lookup.amount() != null) {
            if (tx.amount() == null) {
                return ProviderResult.unknown("YouCanPay gave no readable amount for transaction " + tx.id());
            }
            if (!tx.amount().equals(lookup.amount())) {
                LOG.warn("YouCanPay transaction {} is for {}, payment {} for {}: left for an administrator", tx.id(),
                        tx.amount(), lookup.paymentId(), lookup.amount());
                return new ProviderResult(ProviderStatus.UNKNOWN, tx.id(), "amount mismatch: YouCanPay says " + tx.amount() + ", the payment is "
                        + lookup.amount(), null);
            }
        }
        if (tx.status() == REFUNDED) {
            LOG.warn("YouCanPay transaction {} of payment {} was refunded at YouCanPay before Souk saw it paid; the payment fails",
                    tx.id(), lookup.paymentId());
        }
        return switch (tx.status()) {
            case PAID -> ProviderResult.processed(tx.id());
            case PENDING -> new ProviderResult(ProviderStatus.PENDING, tx.id(), "awaiting the customer at YouCanPay", null);
            case CANCELED -> new ProviderResult(ProviderStatus.CANCELED, tx.id(), "canceled at YouCanPay", null);
            case REFUNDED -> refunded(tx.id());
            case FAILED -> ProviderResult.error(tx.id(), "the payment failed at YouCanPay");
            default -> ProviderResult.unknown("YouCanPay transaction " + tx.id() + " has status " + tx.status());
        };
    }

    /**
     * A transaction YouCanPay reports refunded (or reversed) is never a payment: the money went back to the
     * customer, so confirming it would deliver an order nobody paid for. It is an ERROR, not UNKNOWN: the
     * state is final at YouCanPay (no later look-up will turn it into a payment), and failing the payment
     * lets the customer pay again, while a pending one would wait for an answer that never changes. Souk
     * itself never refunds through YouCanPay (it has no refund API), so such a record means someone gave the
     * money back from the dashboard before Souk saw it paid; the warning leaves a trace for an administrator.
     */
    private static ProviderResult refunded(String transactionId) {
        return ProviderResult.declined(transactionId, "refunded at YouCanPay before the payment was confirmed: nothing was paid",
                "refunded");
    }
}

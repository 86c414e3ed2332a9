package org.souk.payment.internal;

import java.math.BigDecimal;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.gateway.spi.DeclineCodes;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentAttempt;

/**
 * One attempt to pay, changed only through its {@link PaymentEntity}. Its id is its key at the gateway
 * (the payment id for the first attempt, {@code <payment id>-<n>} for the n-th): what the gateway is given
 * as the payment's id and idempotency key, so that each attempt is a charge of its own, with its own
 * provider and, when that provider charges another currency than the order's, its own conversion.
 */
@Entity
@Table(name = "payment_attempt")
public class PaymentAttemptEntity {

    @Id
    private String id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "payment_id")
    private PaymentEntity payment;
    @Column(name = "attempt_number")
    private int number;
    private String method;
    private String provider;
    @Column(name = "test_mode")
    private boolean test;
    @Enumerated(EnumType.STRING)
    private AttemptStatus status;
    @Column(name = "gateway_reference")
    private String gatewayReference;
    @Column(name = "failure_reason")
    private String failureReason;
    /** Why the gateway declined, lower_snake_case; only on a DECLINED attempt. */
    @Column(name = "decline_code")
    private String declineCode;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "charged_minor")
    private Long chargedMinor;
    @Column(name = "charged_currency")
    private String chargedCurrency;
    @Column(name = "exchange_rate")
    private BigDecimal exchangeRate;
    /** When to look this attempt's charge up again after Souk failed it unsettled; null when no look-up is due. */
    @Column(name = "recheck_at")
    private Instant recheckAt;
    /** Look-ups made since Souk failed it unsettled. */
    private int rechecks;
    @Version
    private long version;

    protected PaymentAttemptEntity() {
    }

    PaymentAttemptEntity(PaymentEntity payment, int number, String method, String provider, boolean test, Instant now) {
        this.id = key(payment.id(), number);
        this.payment = payment;
        this.number = number;
        this.method = method;
        this.provider = provider;
        this.test = test;
        this.status = AttemptStatus.PENDING;
        this.startedAt = now;
    }

    /** The gateway key of attempt {@code number} of payment {@code paymentId}. */
    static String key(String paymentId, int number) {
        return number == 1 ? paymentId : paymentId + "-" + number;
    }

    String id() {
        return id;
    }

    PaymentEntity payment() {
        return payment;
    }

    int number() {
        return number;
    }

    String method() {
        return method;
    }

    String provider() {
        return provider;
    }

    boolean test() {
        return test;
    }

    AttemptStatus status() {
        return status;
    }

    String gatewayReference() {
        return gatewayReference;
    }

    void referenced(String reference) {
        gatewayReference = reference;
    }

    /** What this attempt's gateway charged in another currency than the order's, or null. */
    Money charged() {
        return chargedMinor == null ? null : new Money(chargedMinor, chargedCurrency);
    }

    BigDecimal exchangeRate() {
        return exchangeRate;
    }

    /** This attempt's gateway charges another currency than the order's: keep what it charges and the rate. */
    void converted(Money charged, BigDecimal rate) {
        if (charged != null) {
            chargedMinor = charged.minor();
            chargedCurrency = charged.currency();
            exchangeRate = rate;
        }
    }

    void ended(AttemptStatus outcome, String reason, Instant now) {
        ended(outcome, reason, null, now);
    }

    /** Ends the attempt; a DECLINED one keeps its decline code ({@code unknown} if none), any other none. */
    void ended(AttemptStatus outcome, String reason, String code, Instant now) {
        status = outcome;
        failureReason = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
        declineCode = outcome == AttemptStatus.DECLINED ? DeclineCodes.normalise(code) : null;
        endedAt = now;
    }

    String declineCode() {
        return declineCode;
    }

    Instant endedAt() {
        return endedAt;
    }

    /** When to look this attempt's charge up again, or null if no look-up is due. */
    Instant recheckAt() {
        return recheckAt;
    }

    int rechecks() {
        return rechecks;
    }

    /**
     * Souk failed this attempt while its charge was unsettled: its gateway is asked again from {@code at}, since
     * a success it reports late is money taken for nothing.
     */
    void recheckFrom(Instant at) {
        recheckAt = at;
        rechecks = 0;
    }

    /** Asked again without a final answer: the next look-up is at {@code next}. */
    void recheckedWithoutAnswer(Instant next) {
        rechecks++;
        recheckAt = next;
    }

    /** The gateway gave its final word, or the window for it has passed: no more look-ups. */
    void recheckDone() {
        rechecks++;
        recheckAt = null;
    }

    PaymentAttempt toAttempt() {
        return new PaymentAttempt(number, method, provider, test, status, gatewayReference, failureReason, declineCode,
                startedAt, endedAt);
    }
}

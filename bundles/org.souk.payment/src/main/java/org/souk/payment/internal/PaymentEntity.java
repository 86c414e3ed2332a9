package org.souk.payment.internal;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.persistence.CascadeType;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EntityManager;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.OneToMany;
import javax.persistence.OrderBy;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.gateway.spi.NextAction;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentNextAction;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.PaymentTransaction;

/**
 * The payment of one order and its attempts. The payment's method, provider, reference, conversion and
 * next action are its latest attempt's (or, once paid, the paying attempt's); a declined attempt leaves
 * the payment PENDING, awaiting a new one.
 */
@Entity
@Table(name = "payment")
public class PaymentEntity {

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "client_id")
    private String clientId;
    @Column(name = "freelancer_id")
    private String freelancerId;
    @Enumerated(EnumType.STRING)
    private PaymentStatus status;
    @Column(name = "amount_minor")
    private long amountMinor;
    private String currency;
    private String method;
    private String provider;
    @Column(name = "gateway_reference")
    private String gatewayReference;
    @Column(name = "failure_reason")
    private String failureReason;
    /** The decline code of the decline in {@code failureReason}, or null when that is no decline. */
    @Column(name = "decline_code")
    private String declineCode;
    @Column(name = "next_action_type")
    private String nextActionType;
    @Column(name = "next_action_url")
    private String nextActionUrl;
    @Column(name = "next_action_data")
    private String nextActionData;
    @Column(name = "charged_minor")
    private Long chargedMinor;
    @Column(name = "charged_currency")
    private String chargedCurrency;
    @Column(name = "exchange_rate")
    private BigDecimal exchangeRate;
    @Column(name = "test_mode")
    private boolean test;
    @Column(name = "initiated_at")
    private Instant initiatedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** The latest attempt's number. */
    @Column(name = "attempt_number")
    private int attemptNumber;
    @OneToMany(mappedBy = "payment", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("number ASC")
    private List<PaymentAttemptEntity> attempts = new ArrayList<>();
    @Version
    private long version;

    protected PaymentEntity() {
    }

    PaymentEntity(String id, String orderId, String clientId, String freelancerId, Money amount, String method,
            String provider, boolean test, Instant now) {
        this.test = test;
        this.id = id;
        this.orderId = orderId;
        this.clientId = clientId;
        this.freelancerId = freelancerId;
        this.status = PaymentStatus.PENDING;
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
        this.method = method;
        this.provider = provider;
        this.initiatedAt = now;
        this.updatedAt = now;
        this.attemptNumber = 1;
        this.attempts.add(new PaymentAttemptEntity(this, 1, method, provider, test, now));
    }

    String id() {
        return id;
    }

    String orderId() {
        return orderId;
    }

    String clientId() {
        return clientId;
    }

    String freelancerId() {
        return freelancerId;
    }

    String provider() {
        return provider;
    }

    String method() {
        return method;
    }

    PaymentStatus status() {
        return status;
    }

    String gatewayReference() {
        return gatewayReference;
    }

    Money amount() {
        return new Money(amountMinor, currency);
    }

    /** What the gateway charged in another currency than the order's, or null. */
    /** The rate of {@link #charged()}, or null. */
    BigDecimal exchangeRate() {
        return exchangeRate;
    }

    Money charged() {
        return chargedMinor == null ? null : new Money(chargedMinor, chargedCurrency);
    }

    /**
     * What the gateway is expected to report as settled for this attempt's charge: what that attempt's
     * provider charged if it converted, else the amount.
     */
    Money expectedSettlement(PaymentAttemptEntity attempt) {
        Money charged = attempt.charged();
        return charged != null ? charged : amount();
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** The latest attempt's number, from 1. */
    int attemptNumber() {
        return attemptNumber;
    }

    /** The latest attempt's key at the gateway: the id and idempotency key it was started with. */
    String attemptKey() {
        return PaymentAttemptEntity.key(id, attemptNumber);
    }

    PaymentAttemptEntity currentAttempt() {
        return attempt(attemptNumber);
    }

    /** Attempt {@code number}, from 1. */
    PaymentAttemptEntity attempt(int number) {
        return attempts.stream().filter(a -> a.number() == number).findFirst()
                .orElseThrow(() -> new IllegalStateException("payment " + id + " has no attempt " + number));
    }

    /** Whether the money is a test payment's (its provider moves no real money); once paid, the paying attempt's. */
    boolean test() {
        return test;
    }

    /** The attempt whose charge paid the payment, or null while it is not paid. */
    PaymentAttemptEntity payingAttempt() {
        return attempts.stream().filter(a -> a.status() == AttemptStatus.SUCCEEDED).findFirst().orElse(null);
    }

    /** The attempt the gateway knows by this reference, or null. */
    PaymentAttemptEntity attemptWithReference(String reference) {
        return reference == null ? null
                : attempts.stream().filter(a -> reference.equals(a.gatewayReference())).findFirst().orElse(null);
    }

    /** The attempt with this gateway key, or null. */
    PaymentAttemptEntity attemptWithKey(String key) {
        return key == null ? null : attempts.stream().filter(a -> key.equals(a.id())).findFirst().orElse(null);
    }

    /** The gateway references of the attempts other than the one the payment's reference names. */
    Set<String> otherReferences() {
        return attempts.stream().map(PaymentAttemptEntity::gatewayReference)
                .filter(r -> r != null && !r.equals(gatewayReference)).collect(Collectors.toUnmodifiableSet());
    }

    /** Pending, its latest attempt declined: the client may pay again, and the gateway has nothing to say. */
    boolean awaitingNewAttempt() {
        return status == PaymentStatus.PENDING && currentAttempt().status() == AttemptStatus.DECLINED;
    }

    /**
     * A new attempt with another card or method: it replaces the payment's method, provider, reference,
     * conversion and next action; the last decline's reason is kept on its attempt.
     */
    PaymentAttemptEntity startAttempt(String newMethod, String newProvider, boolean newTest, Instant now) {
        attemptNumber++;
        PaymentAttemptEntity attempt = new PaymentAttemptEntity(this, attemptNumber, newMethod, newProvider, newTest, now);
        attempts.add(attempt);
        method = newMethod;
        provider = newProvider;
        test = newTest;
        gatewayReference = null;
        failureReason = null;
        declineCode = null;
        chargedMinor = null;
        chargedCurrency = null;
        exchangeRate = null;
        clearNextAction();
        updatedAt = now;
        return attempt;
    }

    /** The gateway names the latest attempt's charge (see {@link #answered}). */
    void referenced(String reference) {
        answered(currentAttempt(), reference, null, null);
    }

    /** The latest attempt's gateway charges another currency than the order's (see {@link #answered}). */
    void converted(Money charged, BigDecimal rate) {
        answered(currentAttempt(), null, charged, rate);
    }

    /**
     * The gateway answered about {@code attempt}'s charge: the attempt takes the reference it names (unless
     * that is another attempt's) and what it charged in another currency, if it converted. The payment takes
     * them too only while it is pending and the attempt is its latest: a word about an earlier attempt, or
     * one that comes once the payment is settled, never changes which charge the payment is.
     */
    void answered(PaymentAttemptEntity attempt, String reference, Money charged, BigDecimal rate) {
        boolean named = reference != null && !reference.isBlank();
        PaymentAttemptEntity owner = named ? attemptWithReference(reference) : null;
        if (named && owner == null) {
            attempt.referenced(reference);
        }
        attempt.converted(charged, rate);
        if (status == PaymentStatus.PENDING && attempt.number() == attemptNumber) {
            if (named && (owner == null || owner == attempt)) {
                gatewayReference = reference;
            }
            takeConversionOf(attempt);
        }
    }

    private void takeConversionOf(PaymentAttemptEntity attempt) {
        Money charged = attempt.charged();
        chargedMinor = charged == null ? null : charged.minor();
        chargedCurrency = charged == null ? null : charged.currency();
        exchangeRate = charged == null ? null : attempt.exchangeRate();
    }

    void awaiting(NextAction next, Instant now) {
        if (next != null) {
            nextActionType = next.type();
            nextActionUrl = next.url();
            nextActionData = encode(next.data());
        }
        updatedAt = now;
    }

    /** The latest attempt's charge was taken (see {@link #succeeded(PaymentAttemptEntity, Instant)}). */
    void succeeded(Instant now) {
        succeeded(currentAttempt(), now);
    }

    /**
     * {@code paying}'s charge was taken: the payment is paid by it and takes its method, provider, reference
     * and conversion, so that a refund goes to the charge that was taken, in what it charged. When that is an
     * earlier attempt (its success came late), a latest attempt still under way ends FAILED and is looked up
     * again (its own success, should it come, is a second charge and is refunded).
     */
    void succeeded(PaymentAttemptEntity paying, Instant now) {
        PaymentAttemptEntity current = currentAttempt();
        paying.ended(AttemptStatus.SUCCEEDED, null, now);
        method = paying.method();
        provider = paying.provider();
        test = paying.test();
        if (paying.gatewayReference() != null) {
            gatewayReference = paying.gatewayReference();
        }
        takeConversionOf(paying);
        if (paying != current && current.status() == AttemptStatus.PENDING) {
            current.ended(AttemptStatus.FAILED, "attempt " + paying.number() + " paid the order meanwhile", now);
            // Its gateway may still take its charge: reconciliation asks again (see Reconciler), as for a payment
            // failed while unsettled, and a late success is refunded as a second charge.
            current.recheckFrom(now.plus(Reconciler.FIRST_RECHECK));
        }
        status = PaymentStatus.SUCCESS;
        failureReason = null;
        declineCode = null;
        clearNextAction();
        updatedAt = now;
    }

    /** The latest attempt was declined; the payment stays PENDING, awaiting a new attempt. */
    void declined(String reason, Instant now) {
        declined(reason, null, now);
    }

    /** As {@link #declined(String, Instant)}, with the gateway's decline code ({@code unknown} if null). */
    void declined(String reason, String code, Instant now) {
        PaymentAttemptEntity current = currentAttempt();
        current.ended(AttemptStatus.DECLINED, reason, code, now);
        failureReason = truncate(reason);
        declineCode = current.declineCode();
        clearNextAction();
        updatedAt = now;
    }

    /**
     * The payment fails: an attempt still under way ends FAILED with the reason, a declined one stays
     * declined. The payment keeps a decline code only when it fails because of its latest attempt's decline.
     */
    void failed(String reason, Instant now) {
        PaymentAttemptEntity current = currentAttempt();
        if (current.status() == AttemptStatus.PENDING) {
            current.ended(AttemptStatus.FAILED, reason, now);
        }
        boolean byDecline = current.status() == AttemptStatus.DECLINED && reason != null
                && truncate(reason).equals(failureReason);
        status = PaymentStatus.FAILED;
        failureReason = truncate(reason);
        declineCode = byDecline ? current.declineCode() : null;
        clearNextAction();
        updatedAt = now;
    }

    /** The decline code of the decline in the failure reason, or null. */
    String declineCode() {
        return declineCode;
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    void touched(Instant now) {
        updatedAt = now;
    }

    private void clearNextAction() {
        nextActionType = null;
        nextActionUrl = null;
        nextActionData = null;
    }

    /** The payment of an order, or null: there is at most one. */
    static PaymentEntity ofOrder(EntityManager em, String orderId) {
        return em.createQuery("SELECT p FROM PaymentEntity p WHERE p.orderId = :order", PaymentEntity.class)
                .setParameter("order", orderId).getResultList().stream().findFirst().orElse(null);
    }

    Payment toPayment(List<PaymentTransaction> transactions) {
        PaymentNextAction next = nextActionType == null ? null
                : new PaymentNextAction(nextActionType, nextActionUrl, decode(nextActionData));
        return new Payment(id, orderId, clientId, status, amount(), method, provider, test, gatewayReference, failureReason,
                declineCode, next, initiatedAt, updatedAt, chargedMinor == null ? null : new Money(chargedMinor, chargedCurrency),
                exchangeRate, transactions, attempts.stream().map(PaymentAttemptEntity::toAttempt).toList());
    }

    private static String encode(Map<String, String> data) {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(data).forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static Map<String, String> decode(String data) {
        Map<String, String> out = new LinkedHashMap<>();
        if (data != null && !data.isEmpty()) {
            for (String pair : data.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}

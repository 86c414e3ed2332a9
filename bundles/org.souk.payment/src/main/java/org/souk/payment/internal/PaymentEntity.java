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
import java.util.TreeMap;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.gateway.spi.NextAction;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.PaymentTransaction;

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
    Money charged() {
        return chargedMinor == null ? null : new Money(chargedMinor, chargedCurrency);
    }

    /** What the gateway is expected to report as settled: the charged amount if it converted, else the amount. */
    Money expectedSettlement() {
        Money charged = charged();
        return charged != null ? charged : amount();
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void referenced(String reference) {
        if (reference != null && !reference.isBlank()) {
            gatewayReference = reference;
        }
    }

    /** The gateway charges another currency than the order's: keep what it charges and the rate. */
    void converted(Money charged, BigDecimal rate) {
        if (charged != null) {
            chargedMinor = charged.minor();
            chargedCurrency = charged.currency();
            exchangeRate = rate;
        }
    }

    void awaiting(NextAction next, Instant now) {
        if (next != null) {
            nextActionType = next.type();
            nextActionUrl = next.url();
            nextActionData = encode(next.data());
        }
        updatedAt = now;
    }

    void succeeded(Instant now) {
        status = PaymentStatus.SUCCESS;
        clearNextAction();
        updatedAt = now;
    }

    void failed(String reason, Instant now) {
        status = PaymentStatus.FAILED;
        failureReason = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
        clearNextAction();
        updatedAt = now;
    }

    void touched(Instant now) {
        updatedAt = now;
    }

    private void clearNextAction() {
        nextActionType = null;
        nextActionUrl = null;
        nextActionData = null;
    }

    Payment toPayment(List<PaymentTransaction> transactions) {
        NextAction next = nextActionType == null ? null : new NextAction(nextActionType, nextActionUrl, decode(nextActionData));
        return new Payment(id, orderId, clientId, status, amount(), method, provider, test, gatewayReference, failureReason,
                next, initiatedAt, updatedAt, chargedMinor == null ? null : new Money(chargedMinor, chargedCurrency),
                exchangeRate, transactions);
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

package org.souk.provider.youcanpay.internal;

import static org.souk.provider.youcanpay.internal.Json.firstText;
import static org.souk.provider.youcanpay.internal.Json.text;
import static org.souk.provider.youcanpay.internal.Transactions.CANCELED;
import static org.souk.provider.youcanpay.internal.Transactions.FAILED;
import static org.souk.provider.youcanpay.internal.Transactions.PAID;
import static org.souk.provider.youcanpay.internal.Transactions.PENDING;
import static org.souk.provider.youcanpay.internal.Transactions.REFUNDED;
import static org.souk.provider.youcanpay.internal.Transactions.amountOf;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.youcanpay.internal.Transactions.Transaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * YouCanPay's webhooks: the signature proves who sent an event, and YouCanPay's own record of the transaction,
 * read again, decides what it means.
 */
final class WebhookVerifier {

    /** Logs under the provider's name, where an operator looks for YouCanPay's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);

    private final WebhookSignature signature;
    private final ObjectMapper mapper;
    private final Transactions transactions;

    WebhookVerifier(WebhookSignature signature, ObjectMapper mapper, Transactions transactions) {
        this.signature = signature;
        this.mapper = mapper;
        this.transactions = transactions;
    }

    WebhookEvent verify(WebhookRequest request) throws WebhookRejectedException {
        String header = request.header(WebhookSignature.HEADER);
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException("missing " + WebhookSignature.HEADER + " header");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (!signature.matches(body, header)) {
            throw new WebhookRejectedException("signature does not match the body");
        }
        // Signed with the account's key from here on: an event Souk does not act on gets its 2xx and is ignored
        // (YouCanPay disables an endpoint that keeps failing), but a body that is no readable event is a 400
        // naming what is wrong: a malformed payment notice must not be acknowledged as if it were nothing.
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (IOException e) {
            throw new ValidationException("body", "is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new ValidationException("body", "must be a JSON object");
        }
        String eventId = firstText(event, "/id", "/event_id");
        String name = firstText(event, "/event_name", "/payload/event/name");
        if (name == null) {
            throw new ValidationException("event_name", "is required: a YouCanPay event names its type");
        }
        if (!"transaction.paid".equals(name) && !"transaction.failed".equals(name)) {
            return WebhookEvent.ignored(eventId, "event " + name + " is not one Souk acts on");
        }
        JsonNode tx = event.at("/payload/transaction");
        String transactionId = text(tx.get("id"));
        ValidationException.Collector missing = new ValidationException.Collector();
        if (eventId == null) {
            missing.add("id", "is required: a " + name + " event carries its event id");
        }
        if (transactionId == null) {
            // Without it the event cannot be checked against YouCanPay's own record.
            missing.add("payload.transaction.id", "is required: a " + name + " event names its transaction");
        }
        missing.throwIfAny();
        String orderId = text(tx.get("order_id"));
        String paymentId = firstText(event, "/payload/metadata/" + Checkout.SOUK_PAYMENT_ID, "/metadata/" + Checkout.SOUK_PAYMENT_ID);
        if (paymentId == null) {
            paymentId = orderId;
        }
        Money claimed = amountOf(tx.get("amount"), text(tx.get("currency")));
        // The signature proves who sent the event, not that it is current: YouCanPay's own record decides.
        Transaction confirmed;
        try {
            confirmed = transactions.get(transactionId);
        } catch (Stop stop) {
            LOG.debug("YouCanPay webhook event {}: re-check of transaction {} failed ({}); left to reconciliation",
                    eventId, transactionId, stop.result.message());
            return new WebhookEvent(eventId, paymentId, transactionId, ProviderStatus.UNKNOWN, claimed);
        }
        if (paymentId == null) {
            paymentId = confirmed.orderId();
        }
        ProviderStatus status = switch (confirmed.status()) {
            case PAID -> ProviderStatus.PROCESSED;
            case PENDING -> ProviderStatus.PENDING;
            case CANCELED -> ProviderStatus.CANCELED;
            case FAILED, REFUNDED -> ProviderStatus.ERROR; // refunded: never paid, see refunded()
            default -> ProviderStatus.UNKNOWN; // new states: the look-up, with its checks, will settle it
        };
        if (status == ProviderStatus.PENDING) {
            // The event announces an outcome the gateway's record does not show yet: not settled, and not
            // recorded either, so that the gateway's retry is applied once its record caught up.
            LOG.debug("YouCanPay webhook event {} ({}) is ahead of transaction {}, still pending", eventId, name, transactionId);
            status = ProviderStatus.UNKNOWN;
        }
        // YouCanPay's record must name the payment the event is about (its order_id is Souk's payment id) and
        // carry an amount; the event must not claim another amount or order than the record.
        boolean consistent = confirmed.amount() != null && (claimed == null || claimed.equals(confirmed.amount()))
                && confirmed.orderId() != null && confirmed.orderId().equals(paymentId)
                && (orderId == null || orderId.equals(confirmed.orderId()));
        if (!consistent && status != ProviderStatus.UNKNOWN) {
            LOG.warn("YouCanPay webhook event {} disagrees with transaction {} ({} / {} against {} / {}); left to reconciliation",
                    eventId, transactionId, orderId, claimed, confirmed.orderId(), confirmed.amount());
            status = ProviderStatus.UNKNOWN;
        }
        return new WebhookEvent(eventId, paymentId, transactionId, status,
                confirmed.amount() != null ? confirmed.amount() : claimed);
    }
}

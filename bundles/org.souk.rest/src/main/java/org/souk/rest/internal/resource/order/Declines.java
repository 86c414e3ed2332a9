package org.souk.rest.internal.resource.order;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentAttempt;
import org.souk.rest.internal.problem.Problems;

/**
 * The answer to a payment call. A decline is the gateway's word on this attempt, not a fault of the request,
 * but a frontend branches on it like on any refusal: it is a 402 problem {@code payment_declined} with the
 * attempt's {@code declineCode} (as Stripe answers a declined card), carrying the payment as it now stands,
 * PENDING for another attempt while attempts are left. Anything else is the payment, 201.
 */
final class Declines {

    private Declines() {
    }

    static Response answer(Payment payment, URI location) {
        PaymentAttempt latest = payment.attempts().isEmpty() ? null : payment.attempts().get(payment.attempts().size() - 1);
        if (latest == null || latest.status() != AttemptStatus.DECLINED) {
            return Response.created(location).entity(payment).build();
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("declineCode", latest.declineCode());
        extensions.put("payment", payment);
        String detail = latest.failureReason() == null ? "The payment was declined" : "The payment was declined: "
                + latest.failureReason();
        return Problems.builder(402, "payment-declined", "Payment declined", detail, List.of(), extensions)
                .location(location).build();
    }
}

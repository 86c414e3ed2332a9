package org.souk.rest.internal.resource.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentAttempt;
import org.souk.payment.api.PaymentStatus;
import org.souk.rest.internal.problem.ProblemMessages;
import org.souk.rest.internal.problem.Problems;

class DeclinesTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    private static Payment payment(PaymentStatus status, PaymentAttempt... attempts) {
        PaymentAttempt last = attempts[attempts.length - 1];
        return new Payment("p", "o", "c", status, new Money(30_000, "MAD"), "sandbox.card", "sandbox", true, "sbx_p",
                last.failureReason(), last.declineCode(), null, T, T, null, null, List.of(), List.of(attempts));
    }

    private static PaymentAttempt attempt(int n, AttemptStatus status, String reason, String code) {
        return new PaymentAttempt(n, "sandbox.card", "sandbox", true, status, "sbx_" + n, reason, code, T, T);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeclinedAttemptIsA402PaymentDeclinedWithItsCodeAndThePayment() {
        Payment declined = payment(PaymentStatus.PENDING, attempt(1, AttemptStatus.DECLINED, "insufficient funds",
                "insufficient_funds"));
        Response r = Declines.answer(declined, URI.create("orders/o/payment"));
        assertThat(r.getStatus()).isEqualTo(402);
        assertThat(r.getMediaType().toString()).isEqualTo(Problems.PROBLEM_JSON);
        Map<String, Object> body = (Map<String, Object>) r.getEntity();
        assertThat(body).containsEntry("code", "payment_declined").containsEntry("declineCode", "insufficient_funds")
                .containsEntry("payment", declined).containsEntry("status", 402);
        assertThat((String) body.get("detail")).contains("insufficient funds");
        // French and Arabic callers get the code's sentence, with the decline code in it.
        ProblemMessages messages = ProblemMessages.load();
        assertThat(messages.localize("fr", "payment_declined", body).detail()).contains("insufficient_funds");
    }

    @Test
    void anyOtherOutcomeIsThePayment201() {
        Payment paid = payment(PaymentStatus.SUCCESS, attempt(1, AttemptStatus.DECLINED, "card declined", "card_declined"),
                attempt(2, AttemptStatus.SUCCEEDED, null, null));
        Response r = Declines.answer(paid, URI.create("orders/o/payment"));
        assertThat(r.getStatus()).isEqualTo(201);
        assertThat(r.getEntity()).isEqualTo(paid);
        Payment pending = payment(PaymentStatus.PENDING, attempt(1, AttemptStatus.PENDING, null, null));
        assertThat(Declines.answer(pending, URI.create("orders/o/payment")).getStatus()).isEqualTo(201);
    }
}

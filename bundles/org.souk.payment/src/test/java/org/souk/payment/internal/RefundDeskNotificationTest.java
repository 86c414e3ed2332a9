package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.Role;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.RefundResult;
import org.souk.ledger.api.LedgerService;
import org.souk.notification.api.NotificationOutbox;
import org.souk.notification.api.OutboxTopics;
import org.souk.payment.api.RefundStatus;

/** The client hears of a refund once it is paid out: the cause is recorded in the refund's own transaction. */
class RefundDeskNotificationTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Money MAD = new Money(25_000, "MAD");
    private static final Caller ADMIN = new Caller("root", Role.ADMIN);

    private final Map<Object, Object> stored = new HashMap<>();
    /** Whether a transaction of the desk is open: the outbox must be called inside one. */
    private boolean inTransaction;
    private final EntityManager em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {EntityManager.class}, (proxy, method, args) -> switch (method.getName()) {
                case "persist" -> {
                    stored.put(((RefundEntity) args[0]).id(), args[0]);
                    yield null;
                }
                case "find" -> stored.get(args[1]);
                case "flush" -> null;
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final JpaTemplate jpa = (JpaTemplate) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {JpaTemplate.class}, (proxy, method, args) -> {
                Object code = args[args.length - 1];
                inTransaction = true;
                try {
                    if (code instanceof EmFunction<?> f) {
                        return f.apply(em);
                    }
                    ((EmConsumer) code).accept(em);
                    return null;
                } finally {
                    inTransaction = false;
                }
            });
    private final Queue<RefundResult> answers = new LinkedList<>();
    private final PaymentGateway gateway = (PaymentGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PaymentGateway.class}, (proxy, method, args) -> {
                if (method.getName().equals("refund")) {
                    return answers.remove();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final LedgerService ledger = (LedgerService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {LedgerService.class}, (proxy, method, args) -> null);

    private record Cause(String topic, Map<String, Object> properties, boolean inTransaction) {
    }

    private final List<Cause> recorded = new ArrayList<>();
    private RuntimeException outboxDown;
    private final NotificationOutbox outbox = (topic, properties) -> {
        if (outboxDown != null) {
            throw outboxDown;
        }
        recorded.add(new Cause(topic, new HashMap<>(properties), inTransaction));
    };

    private final RefundDesk desk = new RefundDesk(jpa, gateway, Clock.fixed(T0, ZoneOffset.UTC),
            RefundRetryPolicy.DEFAULT, ledger, outbox, orderId -> "o-1".equals(orderId) ? "Logo design" : null);

    /** A paid payment of order o-1 by client cli, and a refund of it recorded. */
    private String refundRecorded() {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", MAD, "sandbox.card", "sandbox", false, T0);
        p.answered(p.currentAttempt(), "sandbox-ref-1", null, null);
        p.succeeded(p.currentAttempt(), T0);
        stored.put(p.id(), p);
        return desk.record(em, p, "the client cancelled before acceptance", "cli");
    }

    @Test
    void aRefundThePaymentGatewayPaysOutTellsTheClientOnceInItsTransaction() {
        String refundId = refundRecorded();
        answers.add(new RefundResult(RefundResult.Status.PENDING, "re-1", "under way"));
        answers.add(new RefundResult(RefundResult.Status.SUCCEEDED, "re-1", null));

        assertThat(desk.ask(refundId, false).status()).isEqualTo(RefundStatus.PENDING);
        assertThat(recorded).isEmpty(); // not paid out yet

        assertThat(desk.ask(refundId, true).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c.topic()).isEqualTo(OutboxTopics.REFUNDED);
            assertThat(c.inTransaction()).isTrue();
            assertThat(c.properties()).containsEntry(OutboxTopics.REFUND_ID, refundId)
                    .containsEntry(OutboxTopics.ORDER_ID, "o-1")
                    .containsEntry(OutboxTopics.CLIENT_ID, "cli")
                    .containsEntry(OutboxTopics.AMOUNT, "250.00 MAD")
                    .containsEntry(OutboxTopics.GIG_TITLE, "Logo design")
                    .containsEntry(OutboxTopics.REASON, "the client cancelled before acceptance");
        });

        // Paid out is final: asking again changes nothing and tells nobody twice.
        assertThat(desk.ask(refundId, true).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void aRefundCompletedByHandTellsTheClient() {
        String refundId = refundRecorded();
        answers.add(RefundResult.unsupported("no refunds at this gateway"));
        assertThat(desk.ask(refundId, false).status()).isEqualTo(RefundStatus.MANUAL);
        assertThat(recorded).isEmpty();

        desk.completeByHand(ADMIN, refundId, "bank transfer 2026-11-28");

        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c.topic()).isEqualTo(OutboxTopics.REFUNDED);
            assertThat(c.inTransaction()).isTrue();
            assertThat(c.properties()).containsEntry(OutboxTopics.CLIENT_ID, "cli").containsEntry(OutboxTopics.REFUND_ID, refundId);
        });
    }

    @Test
    void aRefundThatFailedIsNotToldUntilItIsPaid() {
        String refundId = refundRecorded();
        answers.add(new RefundResult(RefundResult.Status.FAILED, null, "card closed"));

        assertThat(desk.ask(refundId, false).status()).isEqualTo(RefundStatus.FAILED);

        assertThat(recorded).isEmpty();
    }

    @Test
    void whenTheCauseCannotBeRecordedTheCompletionFailsWithIt() {
        String refundId = refundRecorded();
        answers.add(RefundResult.unsupported("no refunds at this gateway"));
        desk.ask(refundId, false);
        outboxDown = new IllegalStateException("outbox down");

        assertThatThrownBy(() -> desk.completeByHand(ADMIN, refundId, "bank transfer")).hasMessageContaining("outbox down");
    }
}

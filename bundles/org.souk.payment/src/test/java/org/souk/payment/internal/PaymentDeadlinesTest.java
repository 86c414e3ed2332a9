package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Instant;

import javax.persistence.OptimisticLockException;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineKind;
import org.souk.payment.api.PaymentService;

class PaymentDeadlinesTest {

    private static final Deadline ANSWER_BY = new Deadline("o-1", DeadlineKind.CANCELLATION_ANSWER, Instant.EPOCH);

    @Test
    void aDeadlineWhoseOrderMovedOnIsDone() {
        PaymentDeadlines deadlines = new PaymentDeadlines(failingWith(
                ConflictException.typed("no-open-request", "Order o-1 has no open cancellation request")));
        assertThatCode(() -> deadlines.fire(ANSWER_BY)).doesNotThrowAnyException();
    }

    @Test
    void aDeadlineThatLostARaceIsTriedAgain() {
        // Thrown, the order bundle leaves the deadline pending until its claim runs out, instead of marking it fired.
        PaymentDeadlines deadlines = new PaymentDeadlines(failingWith(
                new ConflictException("changed at the same time", new OptimisticLockException())));
        assertThatThrownBy(() -> deadlines.fire(ANSWER_BY)).isInstanceOf(ConflictException.class);
    }

    private static PaymentService failingWith(RuntimeException failure) {
        return (PaymentService) Proxy.newProxyInstance(PaymentService.class.getClassLoader(),
                new Class<?>[] {PaymentService.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }
}

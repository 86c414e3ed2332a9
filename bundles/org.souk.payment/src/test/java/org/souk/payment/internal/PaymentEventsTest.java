package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.transaction.TransactionManager;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.souk.common.api.Money;
import org.souk.payment.api.PaymentTopics;
import org.souk.persistence.AfterCommit;

/** What listeners hear of a payment. */
class PaymentEventsTest {

    private final List<Event> posted = new ArrayList<>();
    private final EventAdmin eventAdmin = (EventAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {EventAdmin.class}, (proxy, method, args) -> {
                if (method.getName().equals("postEvent")) {
                    posted.add((Event) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    /** No transaction under way: the event goes out at once. */
    private final TransactionManager noTransaction = (TransactionManager) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {TransactionManager.class}, (proxy, method, args) -> {
                if (method.getName().equals("getTransaction")) {
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final PaymentEvents events = new PaymentEvents(eventAdmin, new AfterCommit(noTransaction));
    private final PaymentEntity payment = new PaymentEntity("p-1", "o-1", "cli", "fre", new Money(25_000, "MAD"),
            "sandbox.card", "sandbox", true, Instant.parse("2026-11-28T10:00:00Z"));

    @Test
    void anEventNamesThePaymentItsOrderItsPartiesAndItsAmount() {
        events.announce(PaymentTopics.SUCCEEDED, payment, null);

        assertThat(posted).hasSize(1);
        Event e = posted.get(0);
        assertThat(e.getTopic()).isEqualTo(PaymentTopics.SUCCEEDED);
        assertThat(e.getProperty(PaymentTopics.PAYMENT_ID)).isEqualTo("p-1");
        assertThat(e.getProperty(PaymentTopics.ORDER_ID)).isEqualTo("o-1");
        assertThat(e.getProperty(PaymentTopics.CLIENT_ID)).isEqualTo("cli");
        assertThat(e.getProperty(PaymentTopics.FREELANCER_ID)).isEqualTo("fre");
        assertThat(e.getProperty(PaymentTopics.AMOUNT)).isEqualTo(new Money(25_000, "MAD").toString());
        assertThat(e.containsProperty(PaymentTopics.REASON)).isFalse();
    }

    @Test
    void theNotificationOutboxRecordsWhatListenersHear() {
        List<String> recorded = new ArrayList<>();
        new PaymentEvents(eventAdmin, new AfterCommit(noTransaction), (topic, props) -> recorded.add(topic + " "
                + props.get(PaymentTopics.PAYMENT_ID) + " " + props.get(PaymentTopics.REASON)))
                .announce(PaymentTopics.DECLINED, payment, "card declined");
        assertThat(recorded).containsExactly(PaymentTopics.DECLINED + " p-1 card declined");
        assertThat(posted).extracting(Event::getTopic).containsExactly(PaymentTopics.DECLINED);
    }

    @Test
    void aDeclineSaysWhyAndHowManyAttemptsAreLeft() {
        events.announce(PaymentTopics.DECLINED, payment, "card declined",
                Map.of(PaymentTopics.ATTEMPT, 1, PaymentTopics.ATTEMPTS_LEFT, 2));

        Event e = posted.get(0);
        assertThat(e.getProperty(PaymentTopics.REASON)).isEqualTo("card declined");
        assertThat(e.getProperty(PaymentTopics.ATTEMPT)).isEqualTo(1);
        assertThat(e.getProperty(PaymentTopics.ATTEMPTS_LEFT)).isEqualTo(2);
    }
}

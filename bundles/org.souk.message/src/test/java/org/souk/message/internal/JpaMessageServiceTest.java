package org.souk.message.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.transaction.TransactionManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.Role;
import org.souk.message.api.Message;
import org.souk.message.api.MessageDraft;
import org.souk.message.api.MessageTopics;
import org.souk.notification.api.NotificationOutbox;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.testing.DerbyJpa;

/** Sending on the bundle's schema in an embedded Derby: the notification's cause goes with the message. */
class JpaMessageServiceTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final OrderSummary ORDER = new OrderSummary("o-1", "omar", "fatima", "g-1", "Logo design", Tier.BASIC,
            Money.ofMinor(25000, "MAD"), OrderStatus.PROCESSING, null,
            Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:00Z"));
    private static final Caller CLIENT = new Caller("omar", Role.CLIENT);
    private static final Caller FREELANCER = new Caller("fatima", Role.FREELANCER);

    /** A cause as the outbox was given it, and whether the message was visible in the same transaction. */
    record Recorded(String topic, Map<String, Object> properties, boolean messageInTransaction) {
    }

    private DerbyJpa jpa;
    private final List<Recorded> recorded = new ArrayList<>();
    private final List<Event> posted = new ArrayList<>();
    private RuntimeException outboxFailure;
    private JpaMessageService messages;

    @BeforeEach
    void start() {
        jpa = new DerbyJpa("souk-message", "message" + DATABASES.incrementAndGet());
        NotificationOutbox outbox = (topic, properties) -> {
            if (outboxFailure != null) {
                throw outboxFailure;
            }
            String messageId = String.valueOf(properties.get(MessageTopics.MESSAGE_ID));
            // Required joins the transaction open on this thread: the message is there only if it is the send's.
            boolean joined = jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Required,
                    em -> em.find(MessageEntity.class, messageId) != null);
            recorded.add(new Recorded(topic, new HashMap<>(properties), joined));
        };
        OrderService orders = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OrderService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("summary")) {
                        return ORDER;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
        // No JTA transaction here: after-commit work runs at once.
        TransactionManager noTransaction = (TransactionManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransactionManager.class}, (proxy, method, args) -> null);
        new MessageSchema(jpa.dataSource);
        messages = new JpaMessageService(jpa, orders, events, new AfterCommit(noTransaction), outbox,
                Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        jpa.close();
    }

    @Test
    void aMessageSentRecordsItsCauseForTheOtherSideInTheSameTransaction() {
        Message sent = messages.send(CLIENT, "o-1", new MessageDraft("Here are my notes\n\non the logo", null));

        assertThat(recorded).hasSize(1);
        Recorded cause = recorded.get(0);
        assertThat(cause.topic()).isEqualTo(MessageTopics.SENT);
        assertThat(cause.messageInTransaction()).isTrue();
        assertThat(cause.properties()).containsEntry(MessageTopics.ORDER_ID, "o-1")
                .containsEntry(MessageTopics.MESSAGE_ID, sent.id())
                .containsEntry(MessageTopics.AUTHOR_ID, "omar")
                .containsEntry(MessageTopics.RECIPIENT_ID, "fatima")
                .containsEntry(MessageTopics.GIG_TITLE, "Logo design")
                .containsEntry(MessageTopics.EXCERPT, "Here are my notes on the logo");
        // Listeners hear the same.
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).getTopic()).isEqualTo(MessageTopics.SENT);
        assertThat(posted.get(0).getProperty(MessageTopics.RECIPIENT_ID)).isEqualTo("fatima");
        assertThat(posted.get(0).getProperty(MessageTopics.EXCERPT)).isEqualTo("Here are my notes on the logo");
    }

    @Test
    void theFreelancersAnswerIsForTheClient() {
        messages.send(FREELANCER, "o-1", new MessageDraft("Thanks, on it", null));

        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c.properties()).containsEntry(MessageTopics.RECIPIENT_ID, "omar")
                    .containsEntry(MessageTopics.AUTHOR_ID, "fatima");
        });
    }

    @Test
    void aLongMessageIsToldByItsStart() {
        String body = "x".repeat(MessageTopics.EXCERPT_LENGTH + 60);
        messages.send(CLIENT, "o-1", new MessageDraft(body, null));

        String excerpt = (String) recorded.get(0).properties().get(MessageTopics.EXCERPT);
        assertThat(excerpt).hasSize(MessageTopics.EXCERPT_LENGTH).endsWith("\u2026");
        assertThat(body).startsWith(excerpt.substring(0, excerpt.length() - 1));
    }

    @Test
    void whenTheCauseCannotBeRecordedTheMessageIsNotStoredAndNobodyHearsOfIt() {
        outboxFailure = new IllegalStateException("outbox down");

        assertThatThrownBy(() -> messages.send(CLIENT, "o-1", new MessageDraft("Hello", null)))
                .hasMessageContaining("outbox down");

        assertThat(messages.thread(CLIENT, "o-1", null, 10).items()).isEmpty();
        assertThat(posted).isEmpty();
    }
}

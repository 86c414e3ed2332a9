package org.souk.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.aries.jpa.template.TransactionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.notification.api.Delivery;
import org.souk.notification.api.OutboxTopics;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.NotificationChannel;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;
import org.souk.order.api.OrderTopics;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

/** The outbox, fan-out and deliveries on the bundle's schema in an embedded Derby, time moved by hand. */
class DispatcherTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private DerbyJpa jpa;
    private MovableClock clock;
    private ChannelRegistry channels;
    private JpaNotificationOutbox outbox;
    private JpaPreferences preferences;
    private final List<Event> posted = new ArrayList<>();

    @BeforeEach
    void start() {
        jpa = new DerbyJpa("souk-notification", "notification" + DATABASES.incrementAndGet());
        new NotificationSchema(jpa.dataSource);
        clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
        channels = new ChannelRegistry();
        outbox = new JpaNotificationOutbox(jpa, clock);
        preferences = new JpaPreferences(jpa, channels);
    }

    @AfterEach
    void stop() {
        jpa.close();
    }

    private Dispatcher dispatcher(int maxAttempts) {
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
        return new Dispatcher(null, jpa, channels, events, clock,
                new Backoff(maxAttempts, Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    /** A channel that answers with whatever the test queued, delivered once the queue is empty. */
    static class ScriptedChannel implements NotificationChannel {
        final String id;
        final Queue<DeliveryResult> script = new ConcurrentLinkedQueue<>();
        final List<String> calls = new ArrayList<>();

        ScriptedChannel(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
            calls.add(recipient.userId() + ":" + notification.type() + ":" + notification.id());
            DeliveryResult next = script.poll();
            if (next != null && next.detail() != null && next.detail().startsWith("throw")) {
                throw new IllegalStateException("SMTP down");
            }
            return next == null ? DeliveryResult.delivered() : next;
        }
    }

    private static Map<String, Object> paid(String orderId) {
        Map<String, Object> p = new HashMap<>();
        p.put(OrderTopics.ORDER_ID, orderId);
        p.put(OrderTopics.SEQUENCE, 2);
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo design");
        p.put(OrderTopics.FROM_STATUS, "PENDING");
        p.put(OrderTopics.TO_STATUS, "PROCESSING");
        p.put(OrderTopics.TO_STAGE, "AWAITING_ACCEPTANCE");
        p.put(OrderTopics.ACTOR, "system");
        p.put(OrderTopics.REASON, "paid");
        return p;
    }

    @Test
    void aCauseRecordedInATransactionThatRollsBackNotifiesNobody() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.add(inApp);
        try {
            jpa.inCallerTransaction(() -> {
                outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
                throw new IllegalStateException("the order's change failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        jpa.inCallerTransaction(() -> {
            outbox.record(OrderTopics.STATUS_CHANGED, paid("o-2"));
            return null;
        });
        dispatcher(3).dispatch(100);
        assertThat(inApp.calls).hasSize(2).allMatch(c -> !c.contains("o-1"));
        assertThat(inApp.calls).extracting(c -> c.substring(0, c.lastIndexOf(':')))
                .containsExactlyInAnyOrder("fre:new_order", "cli:payment_confirmed");
    }

    @Test
    void deliveriesWaitForAnAbsentChannelAndGoOutWhenItArrivesAfterARestart() {
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        dispatcher(3).dispatch(100);
        assertThat(posted).isEmpty();
        // A new dispatcher, as after a restart; the in-app channel arrives later.
        Dispatcher restarted = dispatcher(3);
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.add(inApp);
        clock.advance(Duration.ofHours(1));
        restarted.dispatch(100);
        assertThat(inApp.calls).hasSize(2);
        assertThat(posted).extracting(e -> e.getProperty("type")).containsExactlyInAnyOrder("new_order", "payment_confirmed");
    }

    @Test
    void aFailingChannelIsRetriedWithDoublingWaitsThenGivesUpAndAnAdministratorRetries() {
        ScriptedChannel email = new ScriptedChannel(NotificationChannel.EMAIL);
        channels.add(email);
        Dispatcher dispatcher = dispatcher(3);
        Map<String, Object> p = paid("o-1");
        outbox.record(OrderTopics.STATUS_CHANGED, p);
        for (int i = 0; i < 6; i++) {
            email.script.add(DeliveryResult.retry("throw"));
        }
        dispatcher.dispatch(100);
        assertThat(email.calls).hasSize(2); // first attempt for each recipient
        dispatcher.dispatch(100);
        assertThat(email.calls).as("not before the backoff").hasSize(2);
        clock.advance(Duration.ofSeconds(29));
        dispatcher.dispatch(100);
        assertThat(email.calls).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatch(100);
        assertThat(email.calls).as("second attempts after 30 s").hasSize(4);
        clock.advance(Duration.ofSeconds(59));
        dispatcher.dispatch(100);
        assertThat(email.calls).as("the wait doubled").hasSize(4);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatch(100);
        assertThat(email.calls).as("third and last attempts").hasSize(6);
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatch(100);
        assertThat(email.calls).hasSize(6);
        List<Delivery> failed = dispatcher.failed(10);
        assertThat(failed).hasSize(2).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(Delivery.State.FAILED);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).contains("SMTP down");
        });
        assertThat(dispatcher.retry(failed.get(0).id())).isTrue();
        assertThat(dispatcher.retry(failed.get(0).id())).as("no longer failed").isFalse();
        dispatcher.dispatch(100);
        assertThat(email.calls).hasSize(7);
        assertThat(dispatcher.failed(10)).hasSize(1);
        assertThat(dispatcher.retryAllFailed()).isEqualTo(1);
        dispatcher.dispatch(100);
        assertThat(email.calls).hasSize(8);
        assertThat(dispatcher.failed(10)).isEmpty();
    }

    @Test
    void aPermanentFailureGivesUpAtOnce() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.add(inApp);
        inApp.script.add(DeliveryResult.failed("no such user"));
        inApp.script.add(DeliveryResult.failed("no such user"));
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        Dispatcher dispatcher = dispatcher(5);
        dispatcher.dispatch(100);
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatch(100);
        assertThat(inApp.calls).hasSize(2);
        assertThat(dispatcher.failed(10)).extracting(Delivery::attempts).containsOnly(1);
    }

    @Test
    void theSameCauseRecordedTwiceIsDeliveredOncePerChannel() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.add(inApp);
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        Dispatcher dispatcher = dispatcher(3);
        dispatcher.dispatch(100);
        dispatcher.dispatch(100);
        assertThat(inApp.calls).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aDeliveryClaimedByANodeThatDiedIsTakenAgainOnceTheClaimRunsOut() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP) {
            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                super.deliver(recipient, notification);
                if (calls.size() == 1) {
                    throw new Error("node died mid-call");
                }
                return DeliveryResult.delivered();
            }
        };
        channels.add(inApp);
        outbox.record(OrderTopics.LATE, Map.of(OrderTopics.ORDER_ID, "o-1", OrderTopics.CLIENT_ID, "cli",
                OrderTopics.FREELANCER_ID, "fre", OrderTopics.GIG_TITLE, "Logo", OrderTopics.DUE_AT, "2025-03-01T00:00:00Z"));
        Dispatcher dispatcher = dispatcher(3);
        try {
            dispatcher.dispatch(1);
        } catch (Error died) {
            // the node died with the delivery claimed
        }
        dispatcher.dispatch(100);
        assertThat(inApp.calls).hasSize(2).as("the other recipient's only").extracting(c -> c.split(":")[0]).doesNotHaveDuplicates();
        clock.advance(Dispatcher.CLAIM);
        dispatcher.dispatch(100);
        assertThat(inApp.calls).hasSize(3);
    }

    @Test
    void preferencesDecideTheChannelsAndMandatoryTypesGoEverywhere() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        ScriptedChannel email = new ScriptedChannel(NotificationChannel.EMAIL);
        channels.add(inApp);
        channels.add(email);
        preferences.set(new Caller("fre", Role.FREELANCER), "new_order", NotificationChannel.EMAIL, false);
        preferences.set(new Caller("cli", Role.CLIENT), "new_order", NotificationChannel.IN_APP, false);
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        dispatcher(3).dispatch(100);
        assertThat(inApp.calls).extracting(c -> c.substring(0, c.lastIndexOf(':')))
                .containsExactlyInAnyOrder("fre:new_order", "cli:payment_confirmed");
        assertThat(email.calls).extracting(c -> c.substring(0, c.lastIndexOf(':'))).containsExactly("cli:payment_confirmed");
    }

    @Test
    void channelsReceiveWhatTheyNeedToWriteInTheRecipientsLanguage() {
        List<Recipient> seen = new ArrayList<>();
        List<OutgoingNotification> told = new ArrayList<>();
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return NotificationChannel.IN_APP;
            }

            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                seen.add(recipient);
                told.add(notification);
                return DeliveryResult.delivered();
            }
        });
        Directory directory = new Directory();
        preferences.bindDirectory(directory);
        preferences.rememberContact("cli", "cli@example.com", "ar-MA");
        assertThat(directory.remembered).containsExactly("cli|cli@example.com|ar-MA");
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        Dispatcher dispatcher = dispatcher(3);
        dispatcher.bindDirectory(directory);
        dispatcher.dispatch(100);
        Recipient client = seen.stream().filter(r -> r.userId().equals("cli")).findFirst().orElseThrow();
        assertThat(client.email()).isEqualTo("cli@example.com");
        assertThat(client.locale().getLanguage()).isEqualTo("ar");
        assertThat(seen.stream().filter(r -> r.userId().equals("fre")).findFirst().orElseThrow().email()).isNull();
        OutgoingNotification n = told.stream().filter(t -> t.type().equals("payment_confirmed")).findFirst().orElseThrow();
        assertThat(n.orderId()).isEqualTo("o-1");
        assertThat(n.data()).containsEntry(OrderTopics.GIG_TITLE, "Logo design").containsEntry(OrderTopics.SEQUENCE, "2");
        assertThat(n.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void aCellSwitchedOffBeforeCancellationRequestsBecameMandatoryIsIgnoredAndTheirTermsReachTheChannel() {
        List<OutgoingNotification> byEmail = new ArrayList<>();
        channels.add(new ScriptedChannel(NotificationChannel.IN_APP));
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return NotificationChannel.EMAIL;
            }

            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                byEmail.add(notification);
                return DeliveryResult.delivered();
            }
        });
        // Stored while the type could still be switched off (setting it now is refused).
        jpa.tx(TransactionType.Required, em -> em.persist(new PreferenceEntity("fre", "cancellation_request", "email", false)));
        Map<String, Object> p = new HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo design");
        p.put(OrderTopics.REQUEST_ID, "r-1");
        p.put(OrderTopics.REQUEST_KIND, "CANCELLATION");
        p.put(OrderTopics.REQUEST_STATUS, "OPEN");
        p.put(OrderTopics.REQUESTED_BY, "cli");
        p.put(OrderTopics.ACTOR, "cli");
        p.put(OrderTopics.REASON, "We found another logo");
        p.put(OrderTopics.REFUND, "150.00 MAD");
        p.put(OrderTopics.ANSWER_BY, "2025-03-03T10:00:00Z");
        p.put(OrderTopics.ON_SILENCE, "EXPIRE");
        outbox.record(OrderTopics.REQUEST_CHANGED, p);
        dispatcher(3).dispatch(100);
        assertThat(byEmail).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo("cancellation_request");
            assertThat(n.data()).containsEntry(OrderTopics.REFUND, "150.00 MAD")
                    .containsEntry(OrderTopics.ANSWER_BY, "2025-03-03T10:00:00Z")
                    .containsEntry(OrderTopics.ON_SILENCE, "EXPIRE");
        });
    }

    @Test
    void aDecidedDisputeReachesBothSidesWithItsDecisionAndTheAdministratorsNote() {
        List<OutgoingNotification> told = new ArrayList<>();
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return NotificationChannel.IN_APP;
            }

            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                told.add(notification);
                return DeliveryResult.delivered();
            }
        });
        Map<String, Object> p = new HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo design");
        p.put(OrderTopics.ACTOR, "admin");
        p.put(OrderTopics.DISPUTE_ID, "d-1");
        p.put(OrderTopics.DISPUTE_STATUS, "RESOLVED");
        p.put(OrderTopics.DECISION, "CONTINUE");
        p.put(OrderTopics.DUE_AT, "2025-03-10T10:00:00Z");
        p.put(OrderTopics.REASON, "One more week");
        outbox.record(OrderTopics.DISPUTE_CHANGED, p);
        dispatcher(3).dispatch(100);
        assertThat(told).hasSize(2).allSatisfy(n -> {
            assertThat(n.type()).isEqualTo("dispute");
            assertThat(n.data()).containsEntry(OrderTopics.DECISION, "CONTINUE")
                    .containsEntry(OrderTopics.DUE_AT, "2025-03-10T10:00:00Z")
                    .containsEntry(OrderEventNotifications.ADMIN_NOTE, "One more week");
        });
    }

    @Test
    void theUserDirectorysEmailAndLanguageReachTheChannel() {
        List<Recipient> seen = new ArrayList<>();
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return NotificationChannel.IN_APP;
            }

            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                seen.add(recipient);
                return DeliveryResult.delivered();
            }
        });
        Dispatcher dispatcher = dispatcher(3);
        dispatcher.bindDirectory(new org.souk.auth.api.UserDirectory() {
            @Override
            public java.util.List<String> usersWithEmail(String email) {
                return java.util.List.of();
            }

            @Override
            public java.util.Optional<org.souk.auth.api.UserContact> contact(String userId) {
                return "cli".equals(userId)
                        ? java.util.Optional.of(new org.souk.auth.api.UserContact("cli", "amina@example.ma", java.util.Locale.FRENCH))
                        : java.util.Optional.empty();
            }

            @Override
            public void rememberClaims(String userId, String email, String locale) {
            }

            @Override
            public org.souk.auth.api.UserContact update(String userId, String email, String locale) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Optional<org.souk.auth.api.PendingEmail> pendingEmail(String userId) {
                return java.util.Optional.empty();
            }

            @Override
            public org.souk.auth.api.UserContact confirmEmail(String token) {
                throw new UnsupportedOperationException();
            }
        });
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        dispatcher.dispatch(100);
        Recipient client = seen.stream().filter(r -> r.userId().equals("cli")).findFirst().orElseThrow();
        assertThat(client.email()).isEqualTo("amina@example.ma");
        assertThat(client.locale()).isEqualTo(java.util.Locale.FRENCH);
        assertThat(seen.stream().filter(r -> r.userId().equals("fre")).findFirst().orElseThrow().email()).isNull();
    }

    @Test
    void aChangeOfAddressGoesByEmailOnlyToThePinnedAddressesNeverInApp() {
        Map<String, List<String>> seen = new java.util.TreeMap<>();
        for (String id : List.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)) {
            channels.add(new NotificationChannel() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                    seen.computeIfAbsent(id, k -> new ArrayList<>()).add(notification.type() + " to " + recipient.email()
                            + (notification.data().getOrDefault("token", "").isEmpty() ? "" : " with the token"));
                    return DeliveryResult.delivered();
                }
            });
        }
        Directory directory = new Directory();
        directory.rememberClaims("cli", "old@example.com", "fr");
        Dispatcher dispatcher = dispatcher(3);
        dispatcher.bindDirectory(directory);
        Map<String, Object> p = new HashMap<>();
        p.put(OutboxTopics.CHANGE_ID, "c-1");
        p.put(OutboxTopics.USER_ID, "cli");
        p.put(OutboxTopics.NEW_EMAIL, "nadia@example.com");
        p.put(OutboxTopics.NEW_EMAIL_MASKED, "n***@example.com");
        p.put(OutboxTopics.OLD_EMAIL, "old@example.com");
        p.put(OutboxTopics.TOKEN, "tok");
        outbox.record(OutboxTopics.EMAIL_CHANGE_REQUESTED, p);
        // The user's current address moves before the notice is attempted: the notice still goes to the old one.
        directory.rememberClaims("cli", "somewhere@example.com", "fr");

        dispatcher.dispatch(100);

        assertThat(seen).containsOnlyKeys(NotificationChannel.EMAIL);
        assertThat(seen.get(NotificationChannel.EMAIL)).containsExactlyInAnyOrder(
                "email_change_confirmation to nadia@example.com with the token", "email_change_notice to old@example.com");
    }

    @Test
    void withoutAUserDirectoryTheChannelKnowsNoAddressOrLanguageAndNothingIsKeptHere() throws Exception {
        List<Recipient> seen = new ArrayList<>();
        channels.add(new NotificationChannel() {
            @Override
            public String id() {
                return NotificationChannel.IN_APP;
            }

            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                seen.add(recipient);
                return DeliveryResult.delivered();
            }
        });
        // No directory deployed: told, and dropped (the directory is the one store of addresses).
        preferences.rememberContact("cli", "cli@example.com", "fr");
        Directory directory = new Directory();
        preferences.bindDirectory(directory);
        preferences.unbindDirectory(directory);
        preferences.rememberContact("cli", "cli@example.com", "fr");
        assertThat(directory.remembered).isEmpty();
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));
        dispatcher(3).dispatch(100);
        assertThat(seen).hasSize(2).allSatisfy(r -> {
            assertThat(r.email()).isNull();
            assertThat(r.locale()).as("the default language").isEqualTo(java.util.Locale.ENGLISH);
        });
        try (java.sql.Connection c = jpa.dataSource.getConnection();
                java.sql.ResultSet tables = c.getMetaData().getTables(null, null, "NOTIFICATION_CONTACT", null)) {
            assertThat(tables.next()).as("the contact table is dropped by the migrations").isFalse();
        }
    }

    /** A user directory in memory: what it was told, and the contacts it knows. */
    static final class Directory implements org.souk.auth.api.UserDirectory {
        final List<String> remembered = new ArrayList<>();
        final Map<String, org.souk.auth.api.UserContact> contacts = new HashMap<>();

        @Override

        public java.util.List<String> usersWithEmail(String email) {

            return java.util.List.of();

        }


        @Override
        public java.util.Optional<org.souk.auth.api.UserContact> contact(String userId) {
            return java.util.Optional.ofNullable(contacts.get(userId));
        }

        @Override
        public void rememberClaims(String userId, String email, String locale) {
            remembered.add(userId + "|" + email + "|" + locale);
            contacts.put(userId, new org.souk.auth.api.UserContact(userId, email, java.util.Locale.forLanguageTag(locale)));
        }

        @Override
        public org.souk.auth.api.UserContact update(String userId, String email, String locale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<org.souk.auth.api.PendingEmail> pendingEmail(String userId) {
            return java.util.Optional.empty();
        }

        @Override
        public org.souk.auth.api.UserContact confirmEmail(String token) {
            throw new UnsupportedOperationException();
        }
    }

    private List<Object[]> deliveries() {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT d.channel, d.state, d.attempts FROM DeliveryEntity d ORDER BY d.recipientId", Object[].class)
                .getResultList());
    }

    @Test
    void aChannelThatWritesToSouksDatabaseIsDeliveredToInTheTransactionThatRecordsTheOutcome() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.bind(inApp, Map.of(ChannelRegistry.DELIVERS_IN_TRANSACTION, "true"));
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));

        dispatcher(3).dispatch(100);

        assertThat(inApp.calls).extracting(c -> c.substring(0, c.lastIndexOf(':')))
                .containsExactlyInAnyOrder("fre:new_order", "cli:payment_confirmed");
        assertThat(deliveries()).extracting(r -> r[1] + "/" + r[2]).containsExactly("DELIVERED/1", "DELIVERED/1");
        assertThat(posted).extracting(e -> e.getProperty("type")).containsExactlyInAnyOrder("new_order", "payment_confirmed");
    }

    @Test
    void aTransactionalDeliveryThatFailsIsRolledBackAndTriedStepByStep() {
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.bind(inApp, Map.of(ChannelRegistry.DELIVERS_IN_TRANSACTION, "true"));
        // The first call throws inside the transaction; the step-by-step attempt then finds the inbox up.
        inApp.script.add(DeliveryResult.retry("throw: inbox down"));
        outbox.record(OrderTopics.STATUS_CHANGED, paid("o-1"));

        dispatcher(3).dispatch(100);

        // One of the two deliveries was called twice: in its rolled-back transaction, then step by step.
        assertThat(inApp.calls).hasSize(3);
        assertThat(deliveries()).extracting(r -> r[1] + "/" + r[2]).containsExactly("DELIVERED/1", "DELIVERED/1");
    }

    @Test
    void aChannelWithoutThePropertyIsClaimedAndCalledOutsideTheTransaction() {
        ScriptedChannel email = new ScriptedChannel(NotificationChannel.EMAIL);
        channels.bind(email, Map.of());
        assertThat(channels.deliversInTransaction(email)).isFalse();
        channels.remove(email);
        ScriptedChannel inApp = new ScriptedChannel(NotificationChannel.IN_APP);
        channels.bind(inApp, Map.of(ChannelRegistry.DELIVERS_IN_TRANSACTION, true));
        assertThat(channels.deliversInTransaction(inApp)).isTrue();
        channels.remove(inApp);
        assertThat(channels.deliversInTransaction(inApp)).isFalse();
    }
}

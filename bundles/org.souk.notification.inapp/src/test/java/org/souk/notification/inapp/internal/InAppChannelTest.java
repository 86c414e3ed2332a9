package org.souk.notification.inapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationType;
import org.souk.notification.internal.NotificationSchema;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;
import org.souk.persistence.testing.DerbyJpa;

/** The in-app channel and the inbox on the notification schema in an embedded Derby. */
class InAppChannelTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Caller FATIMA = new Caller("fatima", Role.FREELANCER);
    private static final Caller OMAR = new Caller("omar", Role.CLIENT);

    private DerbyJpa jpa;
    private InAppChannel channel;
    private JpaInbox inbox;

    @BeforeEach
    void start() {
        jpa = new DerbyJpa("souk-notification-inapp", "inapp" + DATABASES.incrementAndGet());
        // The inbox table is the notification core's: migrated by its migrations, as on a node.
        new NotificationSchema(jpa.dataSource);
        channel = new InAppChannel(jpa, Clock.systemUTC());
        inbox = new JpaInbox(jpa, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        jpa.close();
    }

    private static OutgoingNotification message(String id, String body) {
        return new OutgoingNotification(id, NotificationType.MESSAGE.id(), "o-1", "New message on \"Logo design\"", body,
                Map.of("orderId", "o-1"), Instant.parse("2026-11-28T10:00:00Z"));
    }

    private DeliveryResult deliver(String userId, OutgoingNotification n) {
        return channel.deliver(new Recipient(userId, null, null), n);
    }

    @Test
    void aNotificationDeliveredTwiceIsInTheInboxOnce() {
        OutgoingNotification n = message("n-1", "Here are my notes");

        assertThat(deliver("fatima", n).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        // The dispatcher may call again after a crash or a lost answer: delivered, and still one row.
        assertThat(deliver("fatima", n).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);

        Page<Notification> page = inbox.inbox(FATIMA, false, 0, 10);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).singleElement().satisfies(stored -> {
            assertThat(stored.id()).isEqualTo("n-1");
            assertThat(stored.type()).isEqualTo(NotificationType.MESSAGE);
            assertThat(stored.orderId()).isEqualTo("o-1");
            assertThat(stored.title()).isEqualTo("New message on \"Logo design\"");
            assertThat(stored.body()).isEqualTo("Here are my notes");
            assertThat(stored.readAt()).isNull();
        });
        assertThat(inbox.unreadCount(FATIMA)).isEqualTo(1);
    }

    @Test
    void aRepeatAfterTheNotificationWasReadLeavesItRead() {
        deliver("fatima", message("n-1", "Hello"));
        Notification read = inbox.markRead(FATIMA, "n-1");

        deliver("fatima", message("n-1", "Hello"));

        assertThat(inbox.unreadCount(FATIMA)).isZero();
        assertThat(inbox.inbox(FATIMA, false, 0, 10).items()).singleElement()
                .satisfies(n -> assertThat(n.readAt()).isEqualTo(read.readAt()));
    }

    @Test
    void anUnknownTypeFailsForGood() {
        OutgoingNotification n = new OutgoingNotification("n-9", "gossip", null, "t", "b", null, Instant.now());

        assertThat(deliver("fatima", n).outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT_FAILURE);
        assertThat(inbox.inbox(FATIMA, false, 0, 10).total()).isZero();
    }

    @Test
    void someoneElsesNotificationIsNotFoundAndStaysUnread() {
        deliver("fatima", message("n-1", "For Fatima"));

        assertThatThrownBy(() -> inbox.markRead(OMAR, "n-1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> inbox.markRead(OMAR, "no-such")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> inbox.markRead(OMAR, null)).isInstanceOf(NotFoundException.class);

        assertThat(inbox.unreadCount(FATIMA)).isEqualTo(1);
        assertThat(inbox.inbox(OMAR, false, 0, 10).total()).isZero();
    }

    @Test
    void markingReadIsOncePerNotificationAndMarkAllTouchesOnlyTheCallers() {
        deliver("fatima", message("n-1", "one"));
        deliver("fatima", message("n-2", "two"));
        deliver("fatima", message("n-3", "three"));
        deliver("omar", message("n-4", "for Omar"));

        Notification first = inbox.markRead(FATIMA, "n-2");
        assertThat(first.readAt()).isNotNull();
        assertThat(inbox.markRead(FATIMA, "n-2").readAt()).isEqualTo(first.readAt());
        assertThat(inbox.unreadCount(FATIMA)).isEqualTo(2);
        Page<Notification> unread = inbox.inbox(FATIMA, true, 0, 10);
        assertThat(unread.total()).isEqualTo(2);
        assertThat(unread.items()).extracting(Notification::id).containsExactlyInAnyOrder("n-1", "n-3");

        assertThat(inbox.markAllRead(FATIMA)).isEqualTo(2);
        assertThat(inbox.markAllRead(FATIMA)).isZero();
        assertThat(inbox.unreadCount(FATIMA)).isZero();
        assertThat(inbox.unreadCount(OMAR)).isEqualTo(1);
    }

    @Test
    void theInboxPagesNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            deliver("fatima", message("n-" + i, "m" + i));
        }

        Page<Notification> first = inbox.inbox(FATIMA, false, 0, 2);
        Page<Notification> last = inbox.inbox(FATIMA, false, 4, 2);

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).hasSize(2);
        assertThat(last.items()).hasSize(1);
        assertThat(first.items().get(0).createdAt()).isAfterOrEqualTo(first.items().get(1).createdAt());
    }
}

package org.souk.notification.inapp.internal;

import java.time.Clock;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.notification.api.NotificationType;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.NotificationChannel;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * The in-app channel: a delivery is a row in the recipient's inbox, stored once however often it is
 * delivered. The inbox table is migrated by the notification core, whose schema this references.
 */
// The inbox is a table of Souk's own database, written through a JTA unit: the dispatcher may deliver to it
// inside the transaction that records the delivery's outcome.
@Component(property = {NotificationChannel.ID_PROPERTY + "=" + NotificationChannel.IN_APP,
        "souk.notification.channel.transactional=true"})
public class InAppChannel implements NotificationChannel {

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public InAppChannel(@Reference(target = "(osgi.unit.name=souk-notification-inapp)") JpaTemplate jpa,
            @Reference(target = InboxEntity.SCHEMA) Schema notificationSchema, @Reference PlatformClock clock) {
        this(jpa, clock);
    }

    InAppChannel(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public String id() {
        return IN_APP;
    }

    @Override
    public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
        NotificationType type = NotificationType.ofId(notification.type()).orElse(null);
        if (type == null) {
            return DeliveryResult.failed("unknown type " + notification.type());
        }
        try {
            jpa.tx(TransactionType.Required, em -> {
                if (em.find(InboxEntity.class, notification.id()) == null) {
                    em.persist(new InboxEntity(recipient.userId(), type, notification, clock.instant()));
                    em.flush();
                }
            });
        } catch (RuntimeException e) {
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            // Stored at the same time by another attempt: it is there.
        }
        return DeliveryResult.delivered();
    }
}

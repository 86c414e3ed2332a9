package org.souk.notification.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.notification.api.NotificationOutbox;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Writes causes into {@code notification_outbox} in the caller's JTA transaction: the persistence unit is
 * JTA on the same data source as the order, payment and ledger units, so the row commits or rolls back with
 * their change. A cause that notifies nobody (its topic has no rule, or its rule finds no recipient in its
 * properties) is not written: the same rules decide it when the row would be fanned out.
 */
@Component
public class JpaNotificationOutbox implements NotificationOutbox {

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public JpaNotificationOutbox(@Reference(target = "(osgi.unit.name=souk-notification)") JpaTemplate jpa,
            @Reference(target = NotificationSchema.TARGET) Schema schema, @Reference PlatformClock clock) {
        this(jpa, clock);
    }

    JpaNotificationOutbox(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public void record(String topic, Map<String, ?> properties) {
        Objects.requireNonNull(topic, "topic");
        String payload = Payload.encode(properties == null ? Map.of() : properties);
        if (payload.length() > OutboxEntity.MAX_PAYLOAD) {
            throw new IllegalArgumentException("the properties of " + topic + " take " + payload.length()
                    + " characters; at most " + OutboxEntity.MAX_PAYLOAD);
        }
        if (Causes.drafts(topic, Payload.decode(payload)).isEmpty()) {
            return; // a cause that notifies nobody: the dispatcher would only mark its row done
        }
        OutboxEntity row = new OutboxEntity(UUID.randomUUID().toString(), topic, payload, clock.instant());
        jpa.tx(TransactionType.Required, em -> em.persist(row));
    }
}

package org.souk.notification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.Query;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.notification.api.Delivery;
import org.souk.notification.api.NotificationDeliveries;
import org.souk.notification.api.NotificationTopics;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.NotificationChannel;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;
import org.souk.persistence.Conflicts;
import org.souk.persistence.DuePoller;
import org.souk.persistence.DueRows;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Turns recorded causes into deliveries and deliveries into calls to channels, every {@code poll}, on any
 * number of nodes at once.
 *
 * <p>A cause is fanned out in one transaction: its deliveries (one per recipient and channel the recipient
 * wants) are written and the cause marked done together; its version makes a second node's fan-out fail.
 * A delivery is claimed in the database before its channel is called (its due time moves past the call), so
 * no two nodes call at once and a crash mid-call leaves it to be tried again: at least once. A failure is
 * retried with exponential backoff until the attempts run out; then the delivery is FAILED until an
 * administrator retries it. A delivery whose channel is not deployed waits for it without using attempts.
 */
@Component(service = NotificationDeliveries.class, configurationPid = "org.souk.notification", immediate = true)
public class Dispatcher implements NotificationDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 100;
    /** How long one call to a channel may take before the delivery may be taken again. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final JpaTemplate jpa;
    private final ChannelRegistry channels;
    private final EventAdmin events;
    private final Clock clock;
    private volatile Backoff backoff;
    private final DuePoller poller;
    private volatile UserDirectory directory;

    @Activate
    public Dispatcher(BundleContext context, @Reference(target = "(osgi.unit.name=souk-notification)") JpaTemplate jpa,
            @Reference ChannelRegistry channels, @Reference EventAdmin events,
            @Reference(target = NotificationSchema.TARGET) Schema schema, @Reference PlatformClock clock,
            NotificationConfig config) {
        this(context, jpa, channels, events, clock, Backoff.of(config));
        poller.every(config.poll());
    }

    Dispatcher(BundleContext context, JpaTemplate jpa, ChannelRegistry channels, EventAdmin events, Clock clock,
            Backoff backoff) {
        this.jpa = jpa;
        this.channels = channels;
        this.events = events;
        this.clock = clock;
        this.backoff = backoff;
        this.poller = new DuePoller(context, "souk-notifications", "notification cause(s) or delivery(ies) handled",
                BATCH, this::dispatch);
    }

    @Modified
    void modified(NotificationConfig config) {
        backoff = Backoff.of(config);
        poller.every(config.poll());
    }

    @Deactivate
    void deactivate() {
        poller.stop();
    }

    @Reference(service = UserDirectory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDirectory")
    void bindDirectory(UserDirectory d) {
        directory = d;
    }

    void unbindDirectory(UserDirectory d) {
        if (directory == d) {
            directory = null;
        }
    }

    /** How to reach the user: the user directory's email and language (tokens' claims, /me), or nothing known. */
    private Recipient recipient(String userId) {
        UserDirectory d = directory;
        UserContact contact = d == null ? null : d.contact(userId).orElse(null);
        return contact == null ? new Recipient(userId, null, null) : new Recipient(userId, contact.locale(), contact.email());
    }

    /** One round: fans out due causes, then attempts due deliveries; returns the larger count. */
    int dispatch(int limit) {
        int causes = fanOutDue(limit);
        int deliveries = deliverDue(limit);
        return Math.max(causes, deliveries);
    }

    /** Fans out at most {@code limit} due causes; returns how many. */
    int fanOutDue(int limit) {
        Instant now = clock.instant();
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> DueRows.pendingIds(em, "notification_outbox", now, limit));
        int done = 0;
        for (String id : due) {
            try {
                if (jpa.txExpr(TransactionType.Required, em -> fanOut(em, id, now))) {
                    done++;
                }
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    LOG.debug("Cause {} was fanned out by another node first", id);
                } else {
                    LOG.warn("Cause {} could not be fanned out; trying again at the next poll", id, e);
                }
            }
        }
        return done;
    }

    private boolean fanOut(EntityManager em, String id, Instant now) {
        OutboxEntity cause = em.find(OutboxEntity.class, id);
        if (cause == null || !cause.dueAt(now)) {
            return false;
        }
        Map<String, Object> properties = Payload.decode(cause.payload());
        Set<String> targets = channels.targets();
        Map<String, Map<String, Boolean>> preferences = new HashMap<>();
        for (Draft draft : Causes.drafts(cause.topic(), properties)) {
            if (draft.recipientId() == null || draft.recipientId().isBlank()) {
                continue;
            }
            Map<String, Boolean> set = preferences.computeIfAbsent(draft.recipientId(), u -> JpaPreferences.cells(em, u));
            String notificationId = notificationId(draft);
            boolean pinned = draft.data().containsKey(Draft.ADDRESS);
            for (String channel : targets) {
                if (pinned && !NotificationChannel.EMAIL.equals(channel)) {
                    continue;
                }
                if (PreferenceMatrix.enabled(draft.type(), channel, set) && !exists(em, notificationId, channel)) {
                    em.persist(new DeliveryEntity(UUID.randomUUID().toString(), notificationId, cause.id(), draft, channel,
                            data(cause.payload(), properties, draft), now));
                }
            }
        }
        cause.done(now);
        em.flush();
        return true;
    }

    /**
     * What channels receive as the notification's data: the cause's properties, with the draft's own values
     * (which replace those of the same name); the cause's alone if that would not fit.
     */
    static String data(String payload, Map<String, Object> properties, Draft draft) {
        if (draft.data().isEmpty()) {
            return payload;
        }
        Map<String, Object> merged = new HashMap<>(properties);
        merged.putAll(draft.data());
        String encoded = Payload.encode(merged);
        return encoded.length() > OutboxEntity.MAX_PAYLOAD ? payload : encoded;
    }

    /** The same for every channel and every time the same cause reaches the same recipient. */
    static String notificationId(Draft draft) {
        return UUID.nameUUIDFromBytes((draft.dedupKey() + "|" + draft.recipientId()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private static boolean exists(EntityManager em, String notificationId, String channel) {
        return !em.createQuery("SELECT d.id FROM DeliveryEntity d WHERE d.notificationId = :n AND d.channel = :c")
                .setParameter("n", notificationId).setParameter("c", channel).setMaxResults(1).getResultList().isEmpty();
    }

    /** Attempts at most {@code limit} due deliveries to deployed channels; returns how many were attempted. */
    int deliverDue(int limit) {
        Set<String> deployed = channels.deployed();
        if (deployed.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> dueDeliveries(em, deployed, now, limit));
        int attempted = 0;
        for (String id : due) {
            try {
                if (attempt(id)) {
                    attempted++;
                }
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    LOG.debug("Delivery {} was taken by another node first", id);
                } else {
                    LOG.warn("Delivery {} could not be attempted; trying again later", id, e);
                }
            }
        }
        return attempted;
    }

    private static List<String> dueDeliveries(EntityManager em, Set<String> channelIds, Instant now, int limit) {
        List<String> ids = new ArrayList<>(channelIds);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 2);
        }
        Query q = em.createNativeQuery("SELECT id FROM notification_delivery WHERE state = 'PENDING' AND due_at <= ?1 AND channel IN ("
                + in + ") ORDER BY due_at").setParameter(1, Timestamp.from(now));
        for (int i = 0; i < ids.size(); i++) {
            q.setParameter(i + 2, ids.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = q.setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList();
        return rows.stream().map(String::valueOf).toList();
    }

    private record Claimed(String channel, Recipient recipient, OutgoingNotification notification) {
    }

    private boolean attempt(String id) {
        NotificationChannel inTransaction = jpa.txExpr(TransactionType.Supports, em -> {
            DeliveryEntity d = em.find(DeliveryEntity.class, id);
            return d == null ? null : channels.channel(d.channel()).filter(channels::deliversInTransaction).orElse(null);
        });
        if (inTransaction != null) {
            try {
                return attemptInTransaction(id, inTransaction);
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    throw e;
                }
                // Rolled back, the delivery is still due: the steps below claim it and record the failure.
                LOG.debug("Delivery {} failed inside its transaction; trying it step by step", id, e);
            }
        }
        return attemptStepByStep(id);
    }

    /**
     * A channel that writes only to Souk's database delivers inside the transaction that records the outcome:
     * one transaction, no claim (a second node doing the same at once loses on the row's version, and the
     * channel's own row keeps the notification once).
     */
    private boolean attemptInTransaction(String id, NotificationChannel channel) {
        Instant now = clock.instant();
        Claimed delivered = jpa.txExpr(TransactionType.Required, em -> {
            DeliveryEntity d = em.find(DeliveryEntity.class, id);
            if (d == null || !d.dueAt(now)) {
                return null;
            }
            Claimed claimed = claimed(d);
            DeliveryResult result = channel.deliver(claimed.recipient(), claimed.notification());
            if (result == null || result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                throw new IllegalStateException("not delivered: " + (result == null ? "no result" : result.detail()));
            }
            d.claim(now); // counted as an attempt, like one made step by step
            d.delivered(clock.instant());
            em.flush();
            return claimed;
        });
        if (delivered == null) {
            return false;
        }
        announce(delivered);
        return true;
    }

    private Claimed claimed(DeliveryEntity d) {
        OutgoingNotification outgoing = d.toOutgoing(null);
        Recipient recipient = recipient(d.recipientId());
        String pinned = outgoing.data().get(Draft.ADDRESS);
        if (pinned != null && !pinned.isBlank()) {
            recipient = new Recipient(recipient.userId(), recipient.locale(), pinned);
        }
        return new Claimed(d.channel(), recipient, outgoing);
    }

    /** Claims the delivery, calls the channel outside any transaction, then records the outcome. */
    private boolean attemptStepByStep(String id) {
        Instant now = clock.instant();
        Claimed claimed = jpa.txExpr(TransactionType.Required, em -> {
            DeliveryEntity d = em.find(DeliveryEntity.class, id);
            if (d == null || !d.dueAt(now) || channels.channel(d.channel()).isEmpty()) {
                return null;
            }
            d.claim(now.plus(CLAIM));
            em.flush();
            return claimed(d);
        });
        if (claimed == null) {
            return false;
        }
        NotificationChannel channel = channels.channel(claimed.channel()).orElse(null);
        if (channel == null) {
            // Left between the claim and now: the claim runs out and the delivery waits for it.
            return false;
        }
        DeliveryResult result;
        try {
            result = channel.deliver(claimed.recipient(), claimed.notification());
            if (result == null || result.outcome() == null) {
                result = DeliveryResult.retry("the channel gave no result");
            }
        } catch (RuntimeException e) {
            LOG.debug("Channel {} failed on delivery {}", claimed.channel(), id, e);
            result = DeliveryResult.retry(e.toString());
        }
        DeliveryResult outcome = result;
        Instant after = clock.instant();
        Backoff policy = backoff;
        Delivery.State state = jpa.txExpr(TransactionType.Required, em -> {
            DeliveryEntity d = em.find(DeliveryEntity.class, id);
            switch (outcome.outcome()) {
                case DELIVERED -> d.delivered(after);
                case PERMANENT_FAILURE -> d.failed(after, outcome.detail());
                case RETRY -> {
                    if (policy.givesUpAfter(d.attempts())) {
                        d.failed(after, outcome.detail());
                    } else {
                        d.retryAt(after.plus(policy.after(d.attempts())), outcome.detail());
                    }
                }
            }
            em.flush();
            return d.toDelivery().state();
        });
        if (state == Delivery.State.DELIVERED) {
            announce(claimed);
        } else if (state == Delivery.State.FAILED) {
            LOG.warn("Notification {} to {} on {} gave up: {}", claimed.notification().type(), claimed.recipient().userId(),
                    claimed.channel(), outcome.detail());
        }
        return true;
    }

    private void announce(Claimed claimed) {
        Map<String, Object> props = new HashMap<>();
        props.put(NotificationTopics.NOTIFICATION_ID, claimed.notification().id());
        props.put(NotificationTopics.RECIPIENT_ID, claimed.recipient().userId());
        props.put(NotificationTopics.TYPE, claimed.notification().type());
        props.put(NotificationTopics.CHANNEL, claimed.channel());
        if (claimed.notification().orderId() != null) {
            props.put(NotificationTopics.ORDER_ID, claimed.notification().orderId());
        }
        events.postEvent(new Event(NotificationTopics.DELIVERED, props));
    }

    @Override
    public List<Delivery> failed(int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT d FROM DeliveryEntity d WHERE d.state = :s ORDER BY d.endedAt DESC, d.id", DeliveryEntity.class)
                .setParameter("s", Delivery.State.FAILED).setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList()
                .stream().map(DeliveryEntity::toDelivery).toList());
    }

    @Override
    public boolean retry(String deliveryId) {
        if (deliveryId == null) {
            return false;
        }
        Instant now = clock.instant();
        return jpa.txExpr(TransactionType.Required, em -> {
            DeliveryEntity d = em.find(DeliveryEntity.class, deliveryId);
            return d != null && d.reopen(now);
        });
    }

    @Override
    public int retryAllFailed() {
        Instant now = clock.instant();
        return jpa.txExpr(TransactionType.Required, em -> {
            List<DeliveryEntity> failed = em.createQuery("SELECT d FROM DeliveryEntity d WHERE d.state = :s", DeliveryEntity.class)
                    .setParameter("s", Delivery.State.FAILED).getResultList();
            failed.forEach(d -> d.reopen(now));
            return failed.size();
        });
    }
}

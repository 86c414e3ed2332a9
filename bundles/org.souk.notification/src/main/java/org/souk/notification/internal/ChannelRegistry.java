package org.souk.notification.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.notification.spi.NotificationChannel;

/**
 * The channels deployed now, by id: fed by a dynamic reference, never blocks, never needs a restart. A
 * second channel with an id already taken waits until the first leaves.
 */
@Component(service = ChannelRegistry.class, configurationPid = "org.souk.notification")
@Designate(ocd = NotificationConfig.class)
public class ChannelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);

    /**
     * The service property by which a channel says that {@code deliver} only writes to Souk's own database,
     * through a JTA persistence unit on the {@code souk} data source (the in-app inbox): the dispatcher may then
     * deliver inside its own transaction, so that the delivery and its outcome commit together.
     */
    static final String DELIVERS_IN_TRANSACTION = "souk.notification.channel.transactional";

    private final Map<String, NotificationChannel> active = new ConcurrentHashMap<>();
    private final Set<NotificationChannel> transactional = ConcurrentHashMap.newKeySet();
    private final Set<NotificationChannel> waiting = ConcurrentHashMap.newKeySet();
    private volatile Set<String> required = Set.of(NotificationChannel.IN_APP);
    private volatile Set<String> known = Set.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL);

    public ChannelRegistry() {
    }

    @Activate
    @Modified
    void configure(NotificationConfig config) {
        required = ids(config.channels_required());
        known = ids(config.channels_known());
    }

    static Set<String> ids(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : (list == null ? "" : list).split(",")) {
            if (!id.isBlank()) {
                out.add(id.trim());
            }
        }
        return Set.copyOf(out);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "remove")
    void bind(NotificationChannel channel, Map<String, Object> properties) {
        if (Boolean.parseBoolean(String.valueOf(properties.get(DELIVERS_IN_TRANSACTION)))) {
            transactional.add(channel);
        }
        add(channel);
    }

    /** Deploys a channel that delivers outside transactions. */
    void add(NotificationChannel channel) {
        String id = safeId(channel);
        if (id == null) {
            return;
        }
        if (active.putIfAbsent(id, channel) != null) {
            LOG.warn("A second notification channel '{}' waits until the first leaves", id);
            waiting.add(channel);
        } else {
            LOG.info("Notification channel '{}' deployed", id);
        }
    }

    void remove(NotificationChannel channel) {
        transactional.remove(channel);
        waiting.remove(channel);
        String id = safeId(channel);
        if (id != null && active.remove(id, channel)) {
            LOG.info("Notification channel '{}' left; its deliveries wait for it", id);
            for (NotificationChannel next : waiting) {
                if (id.equals(safeId(next)) && active.putIfAbsent(id, next) == null) {
                    waiting.remove(next);
                    break;
                }
            }
        }
    }

    private static String safeId(NotificationChannel channel) {
        try {
            return channel.id();
        } catch (RuntimeException e) {
            LOG.warn("A notification channel has no id: {}", e.toString());
            return null;
        }
    }

    Optional<NotificationChannel> channel(String id) {
        return Optional.ofNullable(active.get(id));
    }

    /** Whether this channel delivers inside the caller's transaction (see {@link #DELIVERS_IN_TRANSACTION}). */
    boolean deliversInTransaction(NotificationChannel channel) {
        return transactional.contains(channel);
    }

    Set<String> deployed() {
        return Set.copyOf(active.keySet());
    }

    /** The channels a new notification goes to (if the user wants it there): deployed or required. */
    Set<String> targets() {
        Set<String> out = new TreeSet<>(required);
        out.addAll(active.keySet());
        return out;
    }

    /** The channels users set preferences for: known, required or deployed, in-app first. */
    Collection<String> forPreferences() {
        Set<String> out = new LinkedHashSet<>();
        out.add(NotificationChannel.IN_APP);
        out.addAll(new TreeSet<>(known));
        out.addAll(new TreeSet<>(required));
        out.addAll(new TreeSet<>(active.keySet()));
        return out;
    }
}

package org.souk.ledger.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.ledger.api.payout.PayoutProvider;

/**
 * The payout providers deployed right now, by id, fed by a dynamic reference: a provider bundle comes and goes
 * without a restart and nothing blocks. A second provider with an id already taken waits behind the first and
 * takes over when it goes.
 */
final class PayoutProviders {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutProviders.class);

    private final ConcurrentMap<String, List<PayoutProvider>> byId = new ConcurrentHashMap<>();

    void add(PayoutProvider provider, Map<String, ?> properties) {
        String id = id(provider, properties);
        List<PayoutProvider> registered = byId.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        registered.add(provider);
        if (registered.size() > 1) {
            LOG.warn("A second payout provider '{}' was deployed; it waits until the first one goes", id);
        }
    }

    void remove(PayoutProvider provider, Map<String, ?> properties) {
        String id = id(provider, properties);
        byId.computeIfPresent(id, (k, registered) -> {
            registered.remove(provider);
            return registered.isEmpty() ? null : registered;
        });
    }

    Optional<PayoutProvider> get(String id) {
        List<PayoutProvider> registered = id == null ? null : byId.get(id);
        return registered == null ? Optional.empty() : registered.stream().findFirst();
    }

    Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }

    /** The service property names the provider; a provider registered without it is known by its {@code id()}. */
    private static String id(PayoutProvider provider, Map<String, ?> properties) {
        Object id = properties == null ? null : properties.get(PayoutProvider.ID_PROPERTY);
        return id != null ? String.valueOf(id) : provider.id();
    }
}

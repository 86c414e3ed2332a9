package org.souk.ledger.internal;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.ledger.api.LedgerService;

/**
 * Looks for due clearances on Karaf's scheduler (a whiteboard Runnable, no thread of our own) every
 * {@code timers.poll}. Registered by hand so that a new period applies without a restart. A clearance that
 * fell due while the node was down fires at the first poll after start.
 */
@Component(configurationPid = "org.souk.ledger", immediate = true)
public class ClearancePoller {

    private static final Logger LOG = LoggerFactory.getLogger(ClearancePoller.class);
    private static final int BATCH = 200;

    private final BundleContext context;
    private final LedgerService ledger;
    private ServiceRegistration<Runnable> registration;
    private long periodSeconds;

    @Activate
    public ClearancePoller(BundleContext context, @Reference LedgerService ledger, LedgerConfig config) {
        this.context = context;
        this.ledger = ledger;
        schedule(config);
    }

    @Modified
    synchronized void schedule(LedgerConfig config) {
        long seconds = pollSeconds(config.timers_poll());
        if (registration != null && seconds == periodSeconds) {
            return;
        }
        unschedule();
        periodSeconds = seconds;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("scheduler.name", "souk-ledger-clearances");
        props.put("scheduler.period", seconds);
        props.put("scheduler.concurrent", Boolean.FALSE);
        registration = context.registerService(Runnable.class, this::poll, props);
    }

    @Deactivate
    synchronized void unschedule() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    void poll() {
        try {
            int cleared;
            do {
                cleared = ledger.releaseDueClearances(BATCH);
                if (cleared > 0) {
                    LOG.info("{} clearance(s) made earnings available", cleared);
                }
            } while (cleared == BATCH);
        } catch (RuntimeException e) {
            LOG.error("Releasing due clearances failed", e);
        }
    }

    static long pollSeconds(String iso) {
        try {
            return Math.max(1, Duration.parse(iso.trim()).toSeconds());
        } catch (RuntimeException e) {
            LOG.warn("timers.poll '{}' is no ISO-8601 duration; polling every 10 s", iso);
            return 10;
        }
    }
}

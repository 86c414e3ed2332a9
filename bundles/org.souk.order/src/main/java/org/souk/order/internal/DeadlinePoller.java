package org.souk.order.internal;

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
import org.souk.order.api.OrderService;

/**
 * Looks for due deadlines on Karaf's scheduler (a whiteboard Runnable, no thread of our own) every
 * {@code timers.poll}. Registered by hand so that a new period applies without a restart. Nothing waits
 * in memory: a deadline that fell due while the node was down fires at the first poll after start.
 */
@Component(configurationPid = "org.souk.order.lifecycle", immediate = true)
public class DeadlinePoller {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlinePoller.class);
    private static final int BATCH = 200;

    private final BundleContext context;
    private final OrderService orders;
    private ServiceRegistration<Runnable> registration;
    private long periodSeconds;

    @Activate
    public DeadlinePoller(BundleContext context, @Reference OrderService orders, LifecycleConfig config) {
        this.context = context;
        this.orders = orders;
        schedule(config);
    }

    @Modified
    synchronized void schedule(LifecycleConfig config) {
        long seconds = pollSeconds(config.timers_poll());
        if (registration != null && seconds == periodSeconds) {
            return;
        }
        unschedule();
        periodSeconds = seconds;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("scheduler.name", "souk-order-deadlines");
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
            int fired;
            do {
                fired = orders.fireDueDeadlines(BATCH);
                if (fired > 0) {
                    LOG.info("{} order deadline(s) fired", fired);
                }
            } while (fired == BATCH);
        } catch (RuntimeException e) {
            LOG.error("Firing order deadlines failed", e);
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

package org.souk.persistence;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.IntUnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains work that falls due in the database (order deadlines, earnings clearances) on Karaf's scheduler:
 * a whiteboard Runnable, no thread of our own. Nothing waits in memory, so work that fell due while the
 * node was down is done at the first run after start. Registered by hand, so that a new period applies
 * without a restart.
 */
public final class DuePoller {

    private static final Logger LOG = LoggerFactory.getLogger(DuePoller.class);
    /** The period when the configured one is no ISO-8601 duration. */
    static final long FALLBACK_SECONDS = 10;

    private final BundleContext context;
    private final String name;
    private final String what;
    private final int batch;
    private final IntUnaryOperator drain;
    private ServiceRegistration<Runnable> registration;
    private long periodSeconds;

    /**
     * @param name the scheduler job's name
     * @param what what is drained, for the log ("order deadline(s) fired")
     * @param drain does at most the given number of due items and returns how many it did; called again
     *        while it does a whole batch
     */
    public DuePoller(BundleContext context, String name, String what, int batch, IntUnaryOperator drain) {
        this.context = context;
        this.name = name;
        this.what = what;
        this.batch = batch;
        this.drain = drain;
    }

    /** Runs every {@code isoPeriod} (at least a second) from now on; a period that did not change changes nothing. */
    public synchronized void every(String isoPeriod) {
        long seconds = seconds(isoPeriod);
        if (registration != null && seconds == periodSeconds) {
            return;
        }
        stop();
        periodSeconds = seconds;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("scheduler.name", name);
        props.put("scheduler.period", seconds);
        props.put("scheduler.concurrent", Boolean.FALSE);
        registration = context.registerService(Runnable.class, this::run, props);
    }

    public synchronized void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    void run() {
        try {
            int done;
            do {
                done = drain.applyAsInt(batch);
                if (done > 0) {
                    LOG.info("{}: {} {}", name, done, what);
                }
            } while (done == batch);
        } catch (RuntimeException e) {
            LOG.error("{} failed", name, e);
        }
    }

    /** An ISO-8601 period in whole seconds, at least one; {@value #FALLBACK_SECONDS} if it is not a duration. */
    public static long seconds(String iso) {
        try {
            return Math.max(1, Duration.parse(iso.trim()).toSeconds());
        } catch (RuntimeException e) {
            LOG.warn("'{}' is no ISO-8601 duration; running every {} s", iso, FALLBACK_SECONDS);
            return FALLBACK_SECONDS;
        }
    }
}

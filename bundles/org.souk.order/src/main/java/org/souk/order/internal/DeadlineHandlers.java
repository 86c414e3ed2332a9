package org.souk.order.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineHandler;

/**
 * The deployed {@link DeadlineHandler}s, kept as references and their objects fetched only when a deadline
 * fires: the payment bundle's handler needs the payment service, which needs the order service, so taking
 * it while the order service activates would be a cycle.
 */
final class DeadlineHandlers {

    private final List<ServiceReference<DeadlineHandler>> handlers = new CopyOnWriteArrayList<>();
    private final BundleContext context;

    DeadlineHandlers(BundleContext context) {
        this.context = context;
    }

    void add(ServiceReference<DeadlineHandler> handler) {
        handlers.add(handler);
    }

    void remove(ServiceReference<DeadlineHandler> handler) {
        handlers.remove(handler);
    }

    boolean isEmpty() {
        return handlers.isEmpty();
    }

    /** Runs the handler of a kind of deadline, if one is deployed; returns whether one was. */
    boolean handle(Deadline deadline) {
        for (ServiceReference<DeadlineHandler> ref : handlers) {
            DeadlineHandler handler = context == null ? null : context.getService(ref);
            if (handler == null) {
                continue;
            }
            try {
                if (handler.kinds().contains(deadline.kind())) {
                    handler.fire(deadline);
                    return true;
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return false;
    }
}

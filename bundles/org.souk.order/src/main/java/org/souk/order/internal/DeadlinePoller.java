package org.souk.order.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.souk.order.api.OrderService;
import org.souk.persistence.DuePoller;

/** Fires due order deadlines every {@code timers.poll}; a deadline that fell due while the node was down fires at the first poll. */
@Component(configurationPid = "org.souk.order.lifecycle", immediate = true)
public class DeadlinePoller {

    private static final int BATCH = 200;

    private final DuePoller poller;

    @Activate
    public DeadlinePoller(BundleContext context, @Reference OrderService orders, LifecycleConfig config) {
        poller = new DuePoller(context, "souk-order-deadlines", "order deadline(s) fired", BATCH, orders::fireDueDeadlines);
        schedule(config);
    }

    @Modified
    void schedule(LifecycleConfig config) {
        poller.every(config.timers_poll());
    }

    @Deactivate
    void unschedule() {
        poller.stop();
    }
}

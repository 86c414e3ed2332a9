package org.souk.ledger.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.souk.ledger.api.LedgerService;
import org.souk.persistence.DuePoller;

/** Makes cleared earnings available every {@code timers.poll}; one that fell due while the node was down at the first poll. */
@Component(configurationPid = "org.souk.ledger", immediate = true)
public class ClearancePoller {

    private static final int BATCH = 200;

    private final DuePoller poller;

    @Activate
    public ClearancePoller(BundleContext context, @Reference LedgerService ledger, LedgerConfig config) {
        poller = new DuePoller(context, "souk-ledger-clearances", "clearance(s) made earnings available", BATCH,
                ledger::releaseDueClearances);
        schedule(config);
    }

    @Modified
    void schedule(LedgerConfig config) {
        poller.every(config.timers_poll());
    }

    @Deactivate
    void unschedule() {
        poller.stop();
    }
}

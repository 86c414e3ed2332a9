package org.souk.ledger.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.souk.ledger.api.PayoutService;
import org.souk.persistence.DuePoller;

/**
 * Asks the payout providers about the withdrawals they are paying every {@code payouts.poll}, and decides those
 * they settled; the first poll after a start picks up what was in flight when the node stopped.
 */
@Component(configurationPid = "org.souk.ledger", immediate = true)
public class PayoutPoller {

    private static final int BATCH = 100;

    private final DuePoller poller;

    @Activate
    public PayoutPoller(BundleContext context, @Reference PayoutService payouts, LedgerConfig config) {
        poller = new DuePoller(context, "souk-ledger-payouts", "payout(s) settled by their provider", BATCH,
                payouts::checkPayouts);
        schedule(config);
    }

    @Modified
    void schedule(LedgerConfig config) {
        poller.every(config.payouts_poll());
    }

    @Deactivate
    void unschedule() {
        poller.stop();
    }
}

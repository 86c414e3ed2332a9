package org.souk.order.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.souk.common.api.Caller;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeService;
import org.souk.persistence.PlatformClock;

/**
 * A dispute nobody decided for longer than {@code dispute.attention.after} is money held while both sides
 * wait: the node is DEGRADED (a warning, not unready) until an administrator decides it.
 */
@Component(service = HealthCheck.class, configurationPid = "org.souk.order.lifecycle",
        property = HealthCheck.NAME + "=" + DisputesHealthCheck.NAME)
public class DisputesHealthCheck implements HealthCheck {

    static final String NAME = "disputes";

    private final DisputeService disputes;
    private volatile Duration attention;
    private final Clock clock;

    @Activate
    public DisputesHealthCheck(@Reference DisputeService disputes, @Reference PlatformClock clock,
            LifecycleConfig config) {
        this.disputes = disputes;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(LifecycleConfig config) {
        attention = Deadlines.Windows.positive(config.dispute_attention_after(), Deadlines.Windows.DEFAULT.disputeAttention());
    }

    @Override
    public List<CheckResult> check() {
        List<Dispute> open = disputes.openDisputes(Caller.SYSTEM, 500);
        return List.of(of(open, clock.instant(), attention));
    }

    static CheckResult of(List<Dispute> openOldestFirst, Instant now, Duration attention) {
        long waiting = openOldestFirst.stream().filter(d -> d.openedAt().plus(attention).isBefore(now)).count();
        if (waiting > 0) {
            Dispute oldest = openOldestFirst.get(0);
            return CheckResult.down(NAME, false, waiting + " open dispute(s) waiting longer than " + attention
                    + " for a decision; the oldest, " + oldest.id() + " of order " + oldest.orderId() + ", since "
                    + oldest.openedAt() + " (souk:disputes)");
        }
        return CheckResult.up(NAME, false, openOldestFirst.size() + " open dispute(s), none waiting longer than " + attention);
    }
}

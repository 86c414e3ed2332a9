package org.souk.health.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;

/**
 * Karaf's scheduler runs Souk's jobs (deadlines, clearances, reconciliation). Without it the API still
 * answers but nothing falls due: the node is DEGRADED, not DOWN.
 */
@Component(service = HealthCheck.class, property = HealthCheck.NAME + "=" + SchedulerHealthCheck.NAME)
public class SchedulerHealthCheck implements HealthCheck {

    static final String NAME = "scheduler";
    static final String SCHEDULER = "org.apache.karaf.scheduler.Scheduler";

    private final BundleContext context;

    @Activate
    public SchedulerHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<CheckResult> check() {
        List<String> jobs = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(Runnable.class.getName(), "(scheduler.name=*)");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                jobs.add(String.valueOf(ref.getProperty("scheduler.name")));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.of(of(context.getServiceReference(SCHEDULER) != null, jobs));
    }

    static CheckResult of(boolean schedulerPresent, List<String> jobs) {
        if (!schedulerPresent) {
            return CheckResult.down(NAME, false, "Karaf's scheduler service is not running: nothing falls due");
        }
        List<String> sorted = new ArrayList<>(jobs);
        sorted.sort(null);
        return CheckResult.up(NAME, false, "Karaf's scheduler is running; jobs: "
                + (sorted.isEmpty() ? "none" : String.join(", ", sorted)));
    }
}

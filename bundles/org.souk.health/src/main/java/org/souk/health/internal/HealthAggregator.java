package org.souk.health.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;
import org.souk.common.api.health.HealthReport;
import org.souk.common.api.health.HealthService;
import org.souk.common.api.health.HealthStatus;

/**
 * Runs every registered {@link HealthCheck} in parallel within one deadline and folds the results into the
 * node's state. The checks Souk cannot be ready without are expected by name: one that is not registered
 * (its component is not active) is reported as a critical DOWN rather than silently left out.
 */
@Component(service = HealthService.class)
public class HealthAggregator implements HealthService {

    /** The REST bundle's check that every resource of the API is published. */
    static final String REST_RESOURCES = "rest-resources";
    /**
     * The checks a ready node has; each is a critical DOWN until its service is registered. A node is not
     * ready without its API, so the REST bundle's check is expected too, without depending on that bundle.
     */
    static final List<String> REQUIRED = List.of(DatabaseHealthCheck.NAME, SchemaHealthCheck.NAME,
            REST_RESOURCES, PaymentProvidersHealthCheck.NAME, SchedulerHealthCheck.NAME);
    static final long DEADLINE_MILLIS = 5_000;

    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final Executor executor;
    private final long deadlineMillis;

    public HealthAggregator() {
        this(ForkJoinPool.commonPool(), DEADLINE_MILLIS);
    }

    HealthAggregator(Executor executor, long deadlineMillis) {
        this.executor = executor;
        this.deadlineMillis = deadlineMillis;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(HealthCheck check, Map<String, Object> properties) {
        checks.put(nameOf(check, properties), check);
    }

    void removeCheck(HealthCheck check, Map<String, Object> properties) {
        checks.remove(nameOf(check, properties), check);
    }

    private static String nameOf(HealthCheck check, Map<String, Object> properties) {
        Object name = properties.get(HealthCheck.NAME);
        return name == null ? check.getClass().getName() : String.valueOf(name);
    }

    @Override
    public HealthReport report() {
        Map<String, CompletableFuture<List<CheckResult>>> running = new LinkedHashMap<>();
        checks.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> running.put(e.getKey(), CompletableFuture.supplyAsync(e.getValue()::check, executor)));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        List<CheckResult> results = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!running.containsKey(name)) {
                results.add(CheckResult.down(name, true, "not checked: its check is not registered (component not active)"));
            }
        }
        for (Map.Entry<String, CompletableFuture<List<CheckResult>>> e : running.entrySet()) {
            results.addAll(collect(e.getKey(), e.getValue(), deadline));
        }
        results.sort(Comparator.comparing(CheckResult::name));
        return new HealthReport(status(results), results);
    }

    private List<CheckResult> collect(String name, CompletableFuture<List<CheckResult>> future, long deadline) {
        try {
            List<CheckResult> got = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (got == null || got.isEmpty()) {
                return List.of(CheckResult.down(name, true, "the check reported nothing"));
            }
            return got;
        } catch (TimeoutException e) {
            future.cancel(true);
            return List.of(CheckResult.down(name, true, "no answer within " + deadlineMillis + " ms"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return List.of(CheckResult.down(name, true, "the check failed: " + cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.down(name, true, "interrupted"));
        }
    }

    /** DOWN when a critical result is down, DEGRADED when only others are, UP otherwise. */
    static HealthStatus status(List<CheckResult> results) {
        HealthStatus status = HealthStatus.UP;
        for (CheckResult r : results) {
            if (!r.up()) {
                if (r.critical()) {
                    return HealthStatus.DOWN;
                }
                status = HealthStatus.DEGRADED;
            }
        }
        return status;
    }
}

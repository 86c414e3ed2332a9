package org.souk.rest.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthStatus;
import org.souk.rest.internal.SoukApplication;

class ResourcesHealthCheckTest {

    @Test
    void resourcesUpOnlyWhenEveryExpectedOneIsPublished() {
        Map<String, String> expected = new java.util.HashMap<>();
        expected.put("org.souk.rest.internal.OrdersResource", "waiting for OrderService");
        expected.put("org.souk.rest.internal.GigsResource", null);
        CheckResult missing = ResourcesHealthCheck.evaluate(expected, Set.of("org.souk.rest.internal.GigsResource"),
                Map.of(), true);
        assertThat(missing.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(missing.detail()).contains("1 of 2").contains("OrdersResource (waiting for OrderService)");

        CheckResult all = ResourcesHealthCheck.evaluate(expected,
                Set.of("org.souk.rest.internal.GigsResource", "org.souk.rest.internal.OrdersResource"), Map.of(), true);
        assertThat(all.status()).isEqualTo(HealthStatus.UP);
        assertThat(all.critical()).isTrue();

        assertThat(ResourcesHealthCheck.evaluate(expected, Set.of("org.souk.rest.internal.GigsResource"),
                Map.of("org.souk.rest.internal.OrdersResource", "refused by the whiteboard (reason 4)"), true).detail())
                .contains("refused");
        assertThat(ResourcesHealthCheck.evaluate(expected, Set.copyOf(expected.keySet()), Map.of(), false).status())
                .isEqualTo(HealthStatus.DOWN);
        assertThat(ResourcesHealthCheck.evaluate(Map.of(), Set.of(), Map.of(), true).status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void onlySoukResourcesAreExpected() {
        assertThat(ResourcesHealthCheck.isSoukResource(Map.of("osgi.jaxrs.resource", true,
                "osgi.jaxrs.application.select", SoukApplication.SELECT))).isTrue();
        assertThat(ResourcesHealthCheck.isSoukResource(Map.of("osgi.jaxrs.resource", "true",
                "osgi.jaxrs.application.select", "(osgi.jaxrs.name=other)"))).isFalse();
        assertThat(ResourcesHealthCheck.isSoukResource(Map.of("osgi.jaxrs.extension", true,
                "osgi.jaxrs.application.select", SoukApplication.SELECT))).isFalse();
    }
}

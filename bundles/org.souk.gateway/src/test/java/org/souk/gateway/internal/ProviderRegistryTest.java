package org.souk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRequest;

class ProviderRegistryTest {

    private final ProviderRegistry registry = new ProviderRegistry(200, 4, false);

    @AfterEach
    void stop() {
        registry.deactivate();
    }

    @Test
    void methodsFollowProvidersAsTheyComeAndGo() {
        FakeProvider a = new FakeProvider("alpha", r -> ProviderResult.processed("a-1"));
        registry.addProvider(a, null);
        assertThat(registry.methods()).extracting(m -> m.id() + "@" + m.provider()).containsExactly("alpha.card@alpha");
        assertThat(registry.providerOf("alpha.card")).isEqualTo("alpha");

        registry.removeProvider(a);
        assertThat(registry.methods()).isEmpty();
        assertThatThrownBy(() -> registry.providerOf("alpha.card")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> registry.initiate("alpha", request())).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aTestProviderIsMarkedOnATestNode() {
        registry.add(new FakeProvider("sandbox", r -> ProviderResult.processed("s-1")), "sandbox 1.0", true);
        registry.add(new FakeProvider("alpha", r -> ProviderResult.processed("a-1")), "alpha 1.0", false);
        assertThat(registry.methods()).extracting(m -> m.id() + ":" + m.test())
                .containsExactly("alpha.card:false", "sandbox.card:true");
        assertThat(registry.providers()).extracting(p -> p.id() + ":" + p.test()).containsExactly("alpha:false", "sandbox:true");
    }

    @Test
    void aLiveNodeRefusesTestProviders() {
        ProviderRegistry liveNode = new ProviderRegistry(200, 4, ProviderRegistry.isLive("live"));
        try {
            FakeProvider sandbox = new FakeProvider("sandbox", r -> ProviderResult.processed("s-1"));
            liveNode.add(sandbox, "sandbox 1.0", true);
            liveNode.add(new FakeProvider("alpha", r -> ProviderResult.processed("a-1")), "alpha 1.0", false);
            assertThat(liveNode.methods()).extracting(m -> m.id()).containsExactly("alpha.card");
            assertThatThrownBy(() -> liveNode.providerOf("sandbox.card")).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> liveNode.initiate("sandbox", request())).isInstanceOf(UnavailableException.class);
            liveNode.removeProvider(sandbox); // its unregistration is harmless
            assertThat(liveNode.providers()).hasSize(1);
        } finally {
            liveNode.deactivate();
        }
    }

    @Test
    void aProviderConfiguredWithSandboxKeysIsATestProvider() {
        // A YouCanPay or PayPal account with sandbox keys: no service property, no header, the provider says it.
        PaymentProvider account = new FakeProvider("youcanpay", r -> ProviderResult.processed("y-1"));
        PaymentProvider withSandboxKeys = (PaymentProvider) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PaymentProvider.class}, (proxy, method, args) -> "takesTestPayments".equals(method.getName())
                        ? Boolean.TRUE : method.invoke(account, args));
        registry.addProvider(withSandboxKeys, null);
        assertThat(registry.providers()).extracting(p -> p.id() + ":" + p.test()).containsExactly("youcanpay:true");
        ProviderRegistry liveNode = new ProviderRegistry(200, 4, ProviderRegistry.isLive("live"));
        try {
            liveNode.addProvider(withSandboxKeys, null);
            assertThat(liveNode.providers()).isEmpty();
            assertThat(liveNode.methods()).isEmpty();
        } finally {
            liveNode.deactivate();
        }
        assertThat(account.takesTestPayments()).as("the SPI's default is live").isFalse();
    }

    @Test
    void anUnknownModeCountsAsLive() {
        assertThat(ProviderRegistry.isLive("live")).isTrue();
        assertThat(ProviderRegistry.isLive(" Test ")).isFalse();
        assertThat(ProviderRegistry.isLive("tset")).isTrue();
        assertThat(ProviderRegistry.isLive(null)).isTrue();
    }

    @Test
    void aSecondProviderWithTheSameIdWaitsAndTakesOverWhenTheFirstGoes() {
        FakeProvider first = new FakeProvider("alpha", r -> ProviderResult.processed("first"));
        FakeProvider second = new FakeProvider("alpha", r -> ProviderResult.processed("second"));
        registry.addProvider(first, null);
        registry.addProvider(second, null);
        assertThat(registry.initiate("alpha", request()).gatewayReference()).isEqualTo("first");
        assertThat(registry.providers()).hasSize(1);

        registry.removeProvider(first); // the old version of an upgraded provider is stopped
        assertThat(registry.initiate("alpha", request()).gatewayReference()).isEqualTo("second");
        registry.removeProvider(second);
        assertThat(registry.methods()).isEmpty();
    }

    @Test
    void configurationsOfOneBundleClaimingOneIdAreAllRefusedUntilOnlyOneIsLeft() {
        FakeProvider first = new FakeProvider("youcanpay", r -> ProviderResult.processed("first"));
        FakeProvider twin = new FakeProvider("youcanpay", r -> ProviderResult.processed("twin"));
        FakeProvider other = new FakeProvider("youcanpay-live", r -> ProviderResult.processed("other"));
        registry.add(first, "org.souk.provider.youcanpay 1.0.0", false);
        registry.add(other, "org.souk.provider.youcanpay 1.0.0", false);
        assertThat(registry.initiate("youcanpay", request()).gatewayReference()).isEqualTo("first");

        // A second account without its own name arrives: nothing tells which account 'youcanpay' means, so
        // neither is used, not even the one that was there first; the other account is untouched.
        registry.add(twin, "org.souk.provider.youcanpay 1.0.0", false);
        assertThatThrownBy(() -> registry.initiate("youcanpay", request())).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> registry.fetch("youcanpay", null))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> registry.refund("youcanpay", null)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> registry.verifyWebhook("youcanpay", null)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> registry.checkConfiguration("youcanpay")).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> registry.providerOf("youcanpay.card")).isInstanceOf(ValidationException.class);
        assertThat(registry.initiate("youcanpay-live", request()).gatewayReference()).isEqualTo("other");
        assertThat(registry.methods()).extracting(m -> m.id() + "@" + m.provider())
                .containsExactly("youcanpay-live.card@youcanpay-live");
        // Administrators see each of them refused, and why.
        assertThat(registry.providers()).extracting(p -> p.id() + ":" + p.methods().size() + ":" + p.configuration().status())
                .containsExactly("youcanpay:0:INVALID", "youcanpay:0:INVALID", "youcanpay-live:1:NOT_CHECKED");
        assertThat(registry.providers().subList(0, 2)).allSatisfy(p -> assertThat(p.configuration().message())
                .contains("refused", "2 configurations of org.souk.provider.youcanpay 1.0.0", "none is used"));

        // Only one is left: the id works again, with the one left, whichever it is.
        registry.removeProvider(first);
        assertThat(registry.initiate("youcanpay", request()).gatewayReference()).isEqualTo("twin");
        assertThat(registry.providers()).extracting(p -> p.id() + ":" + p.methods().size() + ":" + p.configuration().status())
                .containsExactly("youcanpay:1:NOT_CHECKED", "youcanpay-live:1:NOT_CHECKED");

        // Three claim it, then two go: refused while two are left, usable once one is.
        FakeProvider third = new FakeProvider("youcanpay", r -> ProviderResult.processed("third"));
        registry.add(first, "org.souk.provider.youcanpay 1.0.0", false);
        registry.add(third, "org.souk.provider.youcanpay 1.0.0", false);
        assertThat(registry.providers()).filteredOn(p -> p.id().equals("youcanpay")).hasSize(3)
                .allSatisfy(p -> assertThat(p.configuration().message()).contains("3 configurations"));
        registry.removeProvider(twin);
        assertThatThrownBy(() -> registry.initiate("youcanpay", request())).isInstanceOf(UnavailableException.class);
        registry.removeProvider(first);
        assertThat(registry.initiate("youcanpay", request()).gatewayReference()).isEqualTo("third");
        registry.removeProvider(third);
        assertThat(registry.providers()).extracting(p -> p.id()).containsExactly("youcanpay-live");
    }

    @Test
    void aConflictOfOneBundleAlsoStopsTheRegistrationOfAnotherBundleThatWaits() {
        FakeProvider old = new FakeProvider("youcanpay", r -> ProviderResult.processed("old"));
        FakeProvider upgraded = new FakeProvider("youcanpay", r -> ProviderResult.processed("upgraded"));
        FakeProvider twin = new FakeProvider("youcanpay", r -> ProviderResult.processed("twin"));
        registry.add(old, "org.souk.provider.youcanpay 1.0.0", false);
        registry.add(upgraded, "org.souk.provider.youcanpay 1.1.0", false); // an upgrade beside it waits
        assertThat(registry.initiate("youcanpay", request()).gatewayReference()).isEqualTo("old");
        registry.add(twin, "org.souk.provider.youcanpay 1.1.0", false);
        assertThatThrownBy(() -> registry.initiate("youcanpay", request())).isInstanceOf(UnavailableException.class);
        assertThat(registry.providers()).hasSize(3).allSatisfy(p -> assertThat(p.configuration().status())
                .isEqualTo(ConfigurationCheck.Status.INVALID));
        registry.removeProvider(twin);
        assertThat(registry.initiate("youcanpay", request()).gatewayReference()).isEqualTo("old");
    }

    @Test
    void aProviderThatHangsOrThrowsYieldsUnknown() {
        registry.addProvider(new FakeProvider("slow", r -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProviderResult.processed("late");
        }), null);
        registry.addProvider(new FakeProvider("broken", r -> {
            throw new IllegalStateException("boom");
        }), null);

        ProviderResult slow = registry.initiate("slow", request());
        assertThat(slow.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(slow.message()).contains("did not answer within 200 ms");
        ProviderResult broken = registry.initiate("broken", request());
        assertThat(broken.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(broken.message()).contains("IllegalStateException");
    }

    @Test
    void eachProvidersConfigurationCheckIsKeptAndShown() {
        registry.addProvider(new CheckedProvider("badkeys", () -> ConfigurationCheck.invalid("keys refused")), null);
        registry.addProvider(new CheckedProvider("hangs", () -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ConfigurationCheck.ok("late");
        }), null);
        registry.addProvider(new FakeProvider("plain", r -> ProviderResult.processed("p")), null);

        assertThat(registry.checkConfiguration("badkeys").status()).isEqualTo(ConfigurationCheck.Status.INVALID);
        ConfigurationCheck hangs = registry.checkConfiguration("hangs");
        assertThat(hangs.status()).isEqualTo(ConfigurationCheck.Status.UNREACHABLE);
        assertThat(hangs.message()).contains("did not answer within 200 ms");
        assertThat(registry.checkConfiguration("plain").status()).isEqualTo(ConfigurationCheck.Status.NOT_CHECKED);

        Map<String, ConfigurationCheck.Status> shown = new java.util.TreeMap<>();
        registry.providers().forEach(p -> shown.put(p.id(), p.configuration().status()));
        assertThat(shown).containsEntry("badkeys", ConfigurationCheck.Status.INVALID)
                .containsEntry("hangs", ConfigurationCheck.Status.UNREACHABLE)
                .containsEntry("plain", ConfigurationCheck.Status.NOT_CHECKED);
        assertThatThrownBy(() -> registry.checkConfiguration("absent")).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aProviderIsCheckedWhenItArrivesEvenWithASingleCallThread() throws Exception {
        ProviderRegistry single = new ProviderRegistry(200, 1, false);
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        try {
            single.addProvider(new CheckedProvider("arrives", () -> {
                asked.countDown();
                return ConfigurationCheck.invalid("keys refused");
            }), null);
            assertThat(asked.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("checked on arrival").isTrue();
            // Asked after the arrival's check on the one thread: that check has recorded its answer by then.
            single.checkConfiguration("arrives");
            assertThat(single.providers().get(0).configuration().status()).isEqualTo(ConfigurationCheck.Status.INVALID);
        } finally {
            single.deactivate();
        }
    }

    /** A provider whose configuration check answers as told. */
    private static final class CheckedProvider implements PaymentProvider {
        private final FakeProvider base;
        private final java.util.function.Supplier<ConfigurationCheck> check;

        CheckedProvider(String id, java.util.function.Supplier<ConfigurationCheck> check) {
            this.base = new FakeProvider(id, r -> ProviderResult.processed(id));
            this.check = check;
        }

        @Override
        public ConfigurationCheck checkConfiguration() {
            return check.get();
        }

        @Override
        public String id() {
            return base.id();
        }

        @Override
        public String displayName() {
            return base.displayName();
        }

        @Override
        public List<PaymentMethod> methods() {
            return base.methods();
        }

        @Override
        public Set<String> currencies() {
            return base.currencies();
        }

        @Override
        public ProviderResult initiate(PaymentRequest request) {
            return base.initiate(request);
        }

        @Override
        public ProviderResult fetch(PaymentLookup lookup) {
            return base.fetch(lookup);
        }

        @Override
        public WebhookEvent verifyWebhook(WebhookRequest request) {
            return base.verifyWebhook(request);
        }
    }

    private static PaymentRequest request() {
        return new PaymentRequest("p-1", "o-1", "x.card", new Money(100, "MAD"), "test", Map.of(), "p-1");
    }

    private record FakeProvider(String id, Function<PaymentRequest, ProviderResult> behaviour) implements PaymentProvider {
        @Override
        public String displayName() {
            return id;
        }

        @Override
        public List<PaymentMethod> methods() {
            return List.of(new PaymentMethod(id + ".card", "Card", MethodType.CARD));
        }

        @Override
        public Set<String> currencies() {
            return Set.of("MAD");
        }

        @Override
        public ProviderResult initiate(PaymentRequest request) {
            return behaviour.apply(request);
        }

        @Override
        public ProviderResult fetch(PaymentLookup lookup) {
            return ProviderResult.unknown("n/a");
        }

        @Override
        public WebhookEvent verifyWebhook(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}

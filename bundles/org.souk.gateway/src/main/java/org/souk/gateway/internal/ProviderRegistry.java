package org.souk.gateway.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.FieldError;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.api.AvailableMethod;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

/**
 * Keeps the providers that are deployed right now, fed by a dynamic reference so that provider bundles
 * come and go without a restart. Calls into a provider run with a deadline on a bounded pool: a provider
 * that hangs or throws yields UNKNOWN, and the payment is reconciled later.
 */
@Component(configurationPid = "org.souk.gateway")
@Designate(ocd = ProviderRegistry.Config.class)
public class ProviderRegistry implements PaymentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    @ObjectClassDefinition(name = "Souk payment gateway")
    public @interface Config {
        @AttributeDefinition(name = "Provider call timeout (ms)",
                description = "After this a call counts as UNKNOWN; longer than the providers' own HTTP timeouts")
        long call_timeout_ms() default 30_000;

        @AttributeDefinition(name = "Concurrent provider calls")
        int max_concurrent_calls() default 64;

        @AttributeDefinition(name = "Mode", description = "test: simulators such as the sandbox may take "
                + "payments, each marked as a test payment; live: a node that takes real money refuses them",
                options = {@Option(value = "test", label = "test"), @Option(value = "live", label = "live")})
        String mode() default "test";
    }

    private record Registered(PaymentProvider provider, String bundle, boolean test) {
    }

    /** The latest configuration check of each registered provider instance. */
    private final Map<PaymentProvider, ConfigurationCheck> checks = new ConcurrentHashMap<>();

    /**
     * Per provider id, every registration in arrival order; the first is the live one. A second bundle with
     * the same id (an upgrade deployed beside the old one) waits and takes over when the first goes. Two or more
     * configurations of one bundle with the same id (two accounts without distinct {@code account} names) are a
     * conflict: while it lasts the id is refused, none of them is used and all are shown as refused, since no one
     * can tell which account a payment, a refund or a webhook of that id belongs to. When only one is left, the
     * id works again.
     */
    private final Map<String, List<Registered>> providers = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private final boolean live;
    private final ExecutorService calls;

    @Activate
    public ProviderRegistry(Config config) {
        this(config.call_timeout_ms(), config.max_concurrent_calls(), isLive(config.mode()));
    }

    ProviderRegistry(long timeoutMillis, int maxConcurrentCalls, boolean live) {
        this.timeoutMillis = timeoutMillis;
        this.live = live;
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(Math.max(1, maxConcurrentCalls), r -> {
            Thread t = new Thread(r, "souk-gateway-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PaymentProvider provider, ServiceReference<PaymentProvider> ref) {
        Bundle bundle = ref == null ? null : ref.getBundle();
        String from = bundle == null ? "?" : bundle.getSymbolicName() + " " + bundle.getVersion();
        // A configuration can set a service property but not a bundle's manifest: either marks a simulator; a
        // provider configured with a gateway's sandbox keys says so itself.
        boolean test = provider.takesTestPayments() || ref != null && (isTrue(ref.getProperty(PaymentProvider.TEST_MODE))
                || (bundle != null && isTrue(bundle.getHeaders().get(PaymentProvider.TEST_MODE_HEADER))));
        add(provider, from, test);
    }

    void add(PaymentProvider provider, String from, boolean test) {
        if (test && live) {
            LOG.error("Payment provider '{}' ({}) is a test simulator and this node is live (mode=live in "
                    + "etc/org.souk.gateway.cfg): refused", provider.id(), from);
            return;
        }
        if (test) {
            LOG.warn("Payment provider '{}' takes TEST payments: no real money moves. A node that takes real "
                    + "payments sets mode=live in etc/org.souk.gateway.cfg, which refuses it", provider.id());
        }
        Registered added = new Registered(provider, from, test);
        // compute: adding and removing for one id never interleave, so no registration is lost.
        List<Registered> registrations = providers.compute(provider.id(), (id, list) -> {
            List<Registered> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(added);
            return l;
        });
        String conflict = conflict(registrations);
        if (conflict != null) {
            // Two configurations of one bundle (two accounts) with one id: none is used, not even the first, which
            // would otherwise take payments meant for the other account (and whose webhooks would be checked with
            // the wrong secret); all are refused until only one is left.
            LOG.error("Payment provider '{}' from {} refused, with every other registration of '{}': {}",
                    provider.id(), from, provider.id(), conflict);
            return;
        }
        Registered live = usable(registrations);
        if (live == null || live.provider() == provider) {
            LOG.info("Payment provider '{}' is live ({})", provider.id(), from);
            checkInBackground(provider);
        } else {
            LOG.warn("Payment provider '{}' from {} waits: {} provides it until it goes", provider.id(), from,
                    live.bundle());
        }
    }

    void removeProvider(PaymentProvider provider) {
        checks.remove(provider);
        Registered[] before = new Registered[1];
        boolean[] found = new boolean[1];
        List<Registered> left = providers.computeIfPresent(provider.id(), (id, registrations) -> {
            before[0] = usable(registrations);
            found[0] = registrations.removeIf(r -> r.provider() == provider);
            return registrations.isEmpty() ? null : registrations;
        });
        if (!found[0]) {
            return; // never taken (a test provider on a live node)
        }
        String id = provider.id();
        Registered after = left == null ? null : usable(left);
        if (left == null) {
            LOG.info("Payment provider '{}' is gone", id);
        } else if (after == null) {
            LOG.info("A registration of payment provider '{}' is gone; '{}' stays refused: {}", id, id, conflict(left));
        } else if (before[0] == null) {
            LOG.info("Payment provider '{}' is live again, provided by {}: the only configuration of that bundle "
                    + "left that claims it", id, after.bundle());
            checkInBackground(after.provider());
        } else if (before[0] != after) {
            LOG.info("Payment provider '{}' is now provided by {}", id, after.bundle());
            checkInBackground(after.provider());
        }
    }

    /** The live registration of each provider id. */
    private List<Registered> live() {
        List<Registered> out = new ArrayList<>();
        for (List<Registered> registrations : providers.values()) {
            Registered r = usable(registrations);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The registration that provides the id: the first, unless configurations of one bundle conflict over the id;
     * then none. Read from a snapshot so a concurrent change cannot break it.
     */
    private static Registered usable(List<Registered> registrations) {
        List<Registered> snapshot = List.copyOf(registrations);
        return snapshot.isEmpty() || conflict(snapshot) != null ? null : snapshot.get(0);
    }

    /**
     * Why these registrations of one id conflict, or null when they do not: two or more of them come from one
     * bundle (its configurations, one per account). An unknown bundle ("?") conflicts with none.
     */
    private static String conflict(List<Registered> registrations) {
        Map<String, Integer> perBundle = new java.util.LinkedHashMap<>();
        for (Registered r : registrations) {
            if (r.bundle() != null && !r.bundle().equals("?")) {
                perBundle.merge(r.bundle(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : perBundle.entrySet()) {
            if (e.getValue() > 1) {
                return e.getValue() + " configurations of " + e.getKey() + " claim this id, so none is used until only "
                        + "one is left; give each configuration its own account (see the provider's README)";
            }
        }
        return null;
    }

    @Override
    public List<ProviderInfo> providers() {
        List<ProviderInfo> out = new ArrayList<>();
        for (List<Registered> registrations : providers.values()) {
            List<Registered> snapshot = List.copyOf(registrations);
            String conflict = conflict(snapshot);
            if (conflict == null) {
                if (!snapshot.isEmpty()) {
                    Registered r = snapshot.get(0);
                    PaymentProvider p = r.provider();
                    out.add(new ProviderInfo(p.id(), p.displayName(), p.methods(), p.currencies(), r.bundle(), r.test(),
                            checks.get(p)));
                }
                continue;
            }
            // A refused id: every registration of it is listed with no method, its configuration INVALID and why,
            // so that administrators see each one.
            for (Registered r : snapshot) {
                PaymentProvider p = r.provider();
                out.add(new ProviderInfo(p.id(), p.displayName(), List.of(), p.currencies(), r.bundle(), r.test(),
                        ConfigurationCheck.invalid("refused: " + conflict)));
            }
        }
        out.sort(Comparator.comparing(ProviderInfo::id).thenComparing(p -> !p.methods().isEmpty() ? 0 : 1));
        return out;
    }

    @Override
    public List<AvailableMethod> methods() {
        List<AvailableMethod> out = new ArrayList<>();
        for (ProviderInfo p : providers()) {
            for (PaymentMethod m : p.methods()) {
                out.add(new AvailableMethod(m.id(), m.name(), m.type(), p.id(), p.currencies(), p.test()));
            }
        }
        return out;
    }

    @Override
    public String providerOf(String methodId) {
        for (Registered r : live()) {
            for (PaymentMethod m : r.provider().methods()) {
                if (m.id().equals(methodId)) {
                    return r.provider().id();
                }
            }
        }
        throw new ValidationException("method", "no live payment method '" + methodId + "'; see GET /api/v1/payment-methods");
    }

    @Override
    public List<FieldError> checkDetails(String providerId, String methodId, Map<String, String> details) {
        PaymentProvider p = require(providerId);
        try {
            List<FieldError> errors = p.checkDetails(methodId, details);
            return errors == null ? List.of() : List.copyOf(errors);
        } catch (RuntimeException e) {
            // A broken check must not block payments: the gateway's own answer still decides.
            LOG.warn("checkDetails of provider '{}' failed: {}", providerId, e.toString());
            return List.of();
        }
    }

    @Override
    public ProviderResult initiate(String providerId, PaymentRequest request) {
        PaymentProvider p = require(providerId);
        return protectedCall(providerId, "initiate", () -> p.initiate(request), ProviderResult::unknown);
    }

    @Override
    public ProviderResult fetch(String providerId, PaymentLookup lookup) {
        PaymentProvider p = require(providerId);
        return protectedCall(providerId, "fetch", () -> p.fetch(lookup), ProviderResult::unknown);
    }

    @Override
    public RefundResult refund(String providerId, RefundRequest request) {
        PaymentProvider p = require(providerId);
        return protectedCall(providerId, "refund", () -> p.refund(request),
                why -> new RefundResult(RefundResult.Status.PENDING, null, "unknown: " + why));
    }

    @Override
    public WebhookEvent verifyWebhook(String providerId, WebhookRequest request) throws WebhookRejectedException {
        // Verification is local (an HMAC, or a call the provider bounds itself), so it runs on the caller's thread.
        return require(providerId).verifyWebhook(request);
    }

    @Override
    public ConfigurationCheck checkConfiguration(String providerId) {
        return check(require(providerId));
    }

    /**
     * Checks a provider's configuration on the call pool, so that its arrival never waits on its gateway. The
     * check runs on that pool thread itself (a nested protected call would take a second thread, and none on a
     * pool of one): the provider's own HTTP timeouts bound it.
     */
    private void checkInBackground(PaymentProvider provider) {
        try {
            calls.execute(() -> {
                ConfigurationCheck result;
                try {
                    result = provider.checkConfiguration();
                } catch (RuntimeException e) {
                    LOG.warn("checkConfiguration of provider '{}' failed: {}", provider.id(), e.toString());
                    result = ConfigurationCheck.unreachable(provider.id() + " failed: " + e.getClass().getSimpleName());
                }
                record(provider, result == null ? ConfigurationCheck.unreachable(provider.id() + " gave no answer") : result);
            });
        } catch (RuntimeException e) {
            LOG.debug("Configuration check of provider '{}' not started: {}", provider.id(), e.toString());
        }
    }

    private ConfigurationCheck check(PaymentProvider provider) {
        return record(provider, protectedCall(provider.id(), "checkConfiguration", provider::checkConfiguration,
                why -> ConfigurationCheck.unreachable(why)));
    }

    private ConfigurationCheck record(PaymentProvider provider, ConfigurationCheck result) {
        String id = provider.id();
        if (result.status() == ConfigurationCheck.Status.INVALID) {
            LOG.warn("Payment provider '{}': its configuration was refused by its gateway: {}", id, result.message());
        } else if (result.status() == ConfigurationCheck.Status.UNREACHABLE) {
            LOG.info("Payment provider '{}': its configuration could not be checked: {}", id, result.message());
        }
        // Only while it is still registered: a check that ends after the provider went is dropped.
        if (providers.getOrDefault(id, List.of()).stream().anyMatch(r -> r.provider() == provider)) {
            checks.put(provider, result);
        }
        return result;
    }

    private PaymentProvider require(String providerId) {
        List<Registered> registrations = providerId == null ? null : providers.get(providerId);
        Registered r = registrations == null ? null : usable(registrations);
        if (r == null) {
            // Refused ids (conflicting configurations) answer as if not deployed: no payment, refund or webhook
            // of theirs goes to a provider that may hold another account's keys.
            throw new UnavailableException("Payment provider '" + providerId + "' is not deployed right now");
        }
        return r.provider();
    }

    static boolean isLive(String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("live") && !m.equals("test")) {
            LOG.error("Unknown gateway mode '{}' (test or live): treated as live, so no test provider is accepted", mode);
            return true;
        }
        return m.equals("live");
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString().trim());
    }

    /** Runs a provider call with a deadline; a failure or a timeout becomes the given "unknown" answer. */
    private <T> T protectedCall(String providerId, String what, Callable<T> call, Function<String, T> unknown) {
        Future<T> future;
        try {
            future = calls.submit(call);
        } catch (RuntimeException e) {
            return unknown.apply("gateway busy: " + e.getMessage());
        }
        try {
            T result = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return result == null ? unknown.apply(providerId + " gave no answer") : result;
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.debug("{} of provider '{}' timed out after {} ms", what, providerId, timeoutMillis);
            return unknown.apply(providerId + " did not answer within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            LOG.warn("{} of provider '{}' failed: {}", what, providerId, e.getCause().toString());
            return unknown.apply(providerId + " failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown.apply("interrupted");
        }
    }

}

package org.souk.health.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.PaymentMethod;

/**
 * The payment providers: which are live in the gateway, and the state of every installed provider bundle
 * (a bundle whose manifest offers a payment provider service). Not critical: orders, reviews and the
 * ledger work without a provider, so a stopped provider makes the node DEGRADED (HTTP 200), not DOWN.
 */
@Component(service = HealthCheck.class, property = HealthCheck.NAME + "=" + PaymentProvidersHealthCheck.NAME)
public class PaymentProvidersHealthCheck implements HealthCheck {

    static final String NAME = "payment-providers";
    static final String PROVIDER_SERVICE = "org.souk.gateway.spi.PaymentProvider";

    /** What the check knows of one installed provider bundle. */
    record ProviderBundle(String symbolicName, String version, String state, boolean awaitingConfiguration,
            String failure) {
        boolean active() {
            return "ACTIVE".equals(state);
        }
    }

    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PaymentGateway gateway;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Activate
    public PaymentProvidersHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<CheckResult> check() {
        PaymentGateway g = gateway;
        List<ProviderBundle> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (offersProvider(b)) {
                bundles.add(describe(b));
            }
        }
        return evaluate(g == null ? null : g.providers(), bundles);
    }

    private static boolean offersProvider(Bundle b) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        for (BundleCapability c : revision.getDeclaredCapabilities("osgi.service")) {
            Object classes = c.getAttributes().get("objectClass");
            if (classes instanceof List<?> list ? list.contains(PROVIDER_SERVICE)
                    : classes instanceof String[] array ? List.of(array).contains(PROVIDER_SERVICE)
                    : PROVIDER_SERVICE.equals(classes)) {
                return true;
            }
        }
        return false;
    }

    private ProviderBundle describe(Bundle b) {
        boolean awaiting = false;
        String failure = null;
        ServiceComponentRuntime components = scr;
        if (components != null && b.getState() == Bundle.ACTIVE) {
            List<ComponentDescriptionDTO> descriptions = List.copyOf(components.getComponentDescriptionDTOs(b));
            awaiting = !descriptions.isEmpty();
            for (ComponentDescriptionDTO d : descriptions) {
                var configurations = components.getComponentConfigurationDTOs(d);
                awaiting &= "require".equals(d.configurationPolicy) && configurations.isEmpty();
                for (ComponentConfigurationDTO c : configurations) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        failure = c.failure;
                    }
                }
            }
        }
        return new ProviderBundle(b.getSymbolicName(), b.getVersion().toString(), state(b.getState()), awaiting, failure);
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }

    /**
     * {@code payment-providers}: UP when at least one provider is live. {@code provider:<bundle>} for each
     * provider bundle: UP when live, or when it waits for its configuration (deliberately not set up);
     * DOWN when the bundle is not active, failed, is active without a live provider (a test provider on
     * a live node is refused), its provider's gateway refused its configuration (bad keys), or the gateway
     * refused its registrations (several configurations claiming one id: listed without methods).
     *
     * @param listed the gateway's providers (live ones, and refused ones without methods), null when the
     *            gateway is not running
     */
    static List<CheckResult> evaluate(List<ProviderInfo> listed, List<ProviderBundle> bundles) {
        List<CheckResult> out = new ArrayList<>();
        List<ProviderInfo> live = listed == null ? null : listed.stream().filter(p -> !refused(p)).toList();
        if (live == null) {
            out.add(CheckResult.down(NAME, false, "the payment gateway is not running"));
        } else if (live.isEmpty()) {
            out.add(CheckResult.down(NAME, false, "no payment provider is live: nothing can be paid"));
        } else {
            out.add(CheckResult.up(NAME, false, "live: " + live.stream()
                    .map(p -> p.id() + (p.test() ? " (test)" : "")).sorted().collect(Collectors.joining(", "))));
        }
        for (ProviderBundle b : bundles) {
            String name = "provider:" + b.symbolicName();
            List<ProviderInfo> fromBundle = listed == null ? List.of() : listed.stream()
                    .filter(p -> (b.symbolicName() + " " + b.version()).equals(p.bundle())).toList();
            if (!b.active()) {
                out.add(CheckResult.down(name, false, "bundle " + b.state() + ": not started"));
            } else if (!fromBundle.isEmpty()) {
                String described = fromBundle.stream().map(PaymentProvidersHealthCheck::describe).distinct()
                        .collect(Collectors.joining("; "));
                // Keys the gateway refused: live, but no payment through it will work. Not critical either: the
                // node stays ready (DEGRADED) for everything else.
                boolean refused = fromBundle.stream()
                        .anyMatch(p -> refused(p) || p.configuration().status() == ConfigurationCheck.Status.INVALID);
                out.add(refused ? CheckResult.down(name, false, described) : CheckResult.up(name, false, described));
            } else if (b.failure() != null) {
                out.add(CheckResult.down(name, false, "failed to activate: " + b.failure()));
            } else if (b.awaitingConfiguration()) {
                out.add(CheckResult.up(name, false, "not configured: no provider until its configuration exists"));
            } else {
                out.add(CheckResult.down(name, false, "active, but no provider of it is live"
                        + " (a test provider on a live node is refused: see the log)"));
            }
        }
        return out;
    }

    /** A registration the gateway refused (it is listed with no method, and why as its configuration). */
    private static boolean refused(ProviderInfo p) {
        return p.methods().isEmpty() && p.configuration().status() == ConfigurationCheck.Status.INVALID;
    }

    private static String describe(ProviderInfo p) {
        ConfigurationCheck c = p.configuration();
        if (refused(p)) {
            return p.id() + " " + c.message();
        }
        String configuration = switch (c.status()) {
            case OK -> "";
            case INVALID -> "; configuration refused by its gateway: " + c.message();
            case UNREACHABLE -> "; configuration not checked, its gateway did not answer: " + c.message();
            case NOT_CHECKED -> "";
        };
        return "live: " + p.id() + (p.test() ? " (test)" : "") + " with "
                + p.methods().stream().map(PaymentMethod::id).collect(Collectors.joining(", ")) + configuration;
    }
}

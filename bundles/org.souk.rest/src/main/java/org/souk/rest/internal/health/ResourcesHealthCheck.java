package org.souk.rest.internal.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.ws.rs.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ExtensionDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedExtensionDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;
import org.souk.rest.internal.SoukApplication;

/**
 * Every Souk JAX-RS resource and extension is published. Expected: every DS component, in any bundle, that
 * declares itself a whiteboard resource or extension of the Souk application; published: what the
 * whiteboard's runtime reports for that application. The whiteboard adds them one by one, so one answering
 * path proves nothing, and a resource published before the JSON provider would answer without a writer.
 * <p>
 * The API's guard asks this on every request ({@link #current()}), so the answer is kept until Declarative
 * Services or the whiteboard report a change ({@code service.changecount}); {@link #check()} always looks
 * afresh.
 */
@Component(service = {HealthCheck.class, ResourcesHealthCheck.class},
        property = HealthCheck.NAME + "=" + ResourcesHealthCheck.NAME)
public class ResourcesHealthCheck implements HealthCheck {

    static final String NAME = "rest-resources";
    private static final String COMPONENT_NAME = "component.name";

    private final BundleContext context;

    private volatile ServiceComponentRuntime scr;
    private volatile ServiceReference<ServiceComponentRuntime> scrReference;
    private volatile JaxrsServiceRuntime whiteboard;
    private volatile ServiceReference<JaxrsServiceRuntime> whiteboardReference;

    /** The last answer and the change counts it was computed at. */
    private record Known(Object scrChanges, Object whiteboardChanges, Publication publication) {
    }

    /** Each resource class's path template, by bundle and class. */
    private final Map<String, Pattern> templates = new ConcurrentHashMap<>();

    private volatile Known known;

    @Activate
    public ResourcesHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindScr(ServiceComponentRuntime runtime, ServiceReference<ServiceComponentRuntime> reference) {
        scr = runtime;
        scrReference = reference;
        known = null;
    }

    void unbindScr(ServiceComponentRuntime runtime) {
        if (scr == runtime) {
            scr = null;
            scrReference = null;
        }
        known = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWhiteboard(JaxrsServiceRuntime runtime, ServiceReference<JaxrsServiceRuntime> reference) {
        whiteboard = runtime;
        whiteboardReference = reference;
        known = null;
    }

    void unbindWhiteboard(JaxrsServiceRuntime runtime) {
        if (whiteboard == runtime) {
            whiteboard = null;
            whiteboardReference = null;
        }
        known = null;
    }

    @Override
    public List<CheckResult> check() {
        return List.of(fresh().result());
    }

    /**
     * The publication as of the last change Declarative Services or the whiteboard reported: cheap enough
     * for every request.
     */
    public Publication current() {
        Object scrChanges = changeCount(scrReference);
        Object whiteboardChanges = changeCount(whiteboardReference);
        Known last = known;
        if (last != null && scrChanges != null && whiteboardChanges != null && scrChanges.equals(last.scrChanges())
                && whiteboardChanges.equals(last.whiteboardChanges())) {
            return last.publication();
        }
        Publication publication = fresh();
        known = new Known(scrChanges, whiteboardChanges, publication);
        return publication;
    }

    private static Object changeCount(ServiceReference<?> reference) {
        return reference == null ? null : reference.getProperty(Constants.SERVICE_CHANGECOUNT);
    }

    /** Looks now, whatever was known. */
    public Publication fresh() {
        ServiceComponentRuntime components = scr;
        JaxrsServiceRuntime runtime = whiteboard;
        if (components == null || runtime == null) {
            return new Publication(CheckResult.down(NAME, true, components == null ? "Declarative Services' runtime is not running"
                    : "the JAX-RS whiteboard is not running"), false, List.of());
        }
        Map<String, String> expected = new TreeMap<>();
        Map<String, ComponentDescriptionDTO> resources = new HashMap<>();
        Set<String> extensions = new TreeSet<>();
        for (ComponentDescriptionDTO d : components.getComponentDescriptionDTOs()) {
            if (isSoukResource(d.properties)) {
                expected.put(d.name, whyNotActive(components, d));
                resources.put(d.name, d);
            } else if (isSoukExtension(d.properties)) {
                expected.put(d.name, whyNotActive(components, d));
                extensions.add(d.name);
            }
        }
        RuntimeDTO dto = runtime.getRuntimeDTO();
        Set<String> published = new TreeSet<>();
        boolean applicationPublished = false;
        for (ApplicationDTO app : dto.applicationDTOs) {
            if (SoukApplication.NAME.equals(app.name)) {
                applicationPublished = true;
                for (ResourceDTO r : app.resourceDTOs) {
                    published.add(componentName(r.serviceId));
                }
                for (ExtensionDTO e : app.extensionDTOs) {
                    published.add(componentName(e.serviceId));
                }
            }
        }
        Map<String, String> failed = new HashMap<>();
        for (FailedResourceDTO f : dto.failedResourceDTOs) {
            failed.put(componentName(f.serviceId), "refused by the whiteboard (reason " + f.failureReason + ")");
        }
        for (FailedExtensionDTO f : dto.failedExtensionDTOs) {
            failed.put(componentName(f.serviceId), "refused by the whiteboard (reason " + f.failureReason + ")");
        }
        List<Pattern> missingPaths = new ArrayList<>();
        resources.forEach((name, d) -> {
            if (!published.contains(name)) {
                missingPaths.add(template(d));
            }
        });
        return new Publication(evaluate(expected, published, failed, applicationPublished),
                applicationPublished && published.containsAll(extensions), missingPaths);
    }

    /** The paths a resource component's class serves, from its {@code @Path}; all paths if it cannot be read. */
    private Pattern template(ComponentDescriptionDTO d) {
        return templates.computeIfAbsent(d.bundle.id + "/" + d.implementationClass, key -> {
            try {
                Bundle bundle = context.getBundle(d.bundle.id);
                Path path = bundle == null ? null : bundle.loadClass(d.implementationClass).getAnnotation(Path.class);
                return Publication.template(path == null ? "" : path.value());
            } catch (ClassNotFoundException | RuntimeException e) {
                return Publication.template("");
            }
        });
    }

    static boolean isSoukResource(Map<String, Object> properties) {
        return "true".equals(String.valueOf(properties.get(JaxrsWhiteboardConstants.JAX_RS_RESOURCE)))
                && SoukApplication.SELECT.equals(String.valueOf(properties.get(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT)));
    }

    /** The exception mapper, the JSON provider, the filters: the API answers wrongly without any of them. */
    static boolean isSoukExtension(Map<String, Object> properties) {
        return "true".equals(String.valueOf(properties.get(JaxrsWhiteboardConstants.JAX_RS_EXTENSION)))
                && SoukApplication.SELECT.equals(String.valueOf(properties.get(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT)));
    }

    private static String whyNotActive(ServiceComponentRuntime components, ComponentDescriptionDTO d) {
        if (!components.isComponentEnabled(d)) {
            return "disabled";
        }
        List<String> why = new ArrayList<>();
        for (ComponentConfigurationDTO c : components.getComponentConfigurationDTOs(d)) {
            if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                why.add("failed to activate: " + c.failure);
            }
            for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                why.add("waiting for " + interfaceOf(d, u.name));
            }
        }
        return why.isEmpty() ? null : String.join(", ", why);
    }

    private static String interfaceOf(ComponentDescriptionDTO d, String reference) {
        for (ReferenceDTO r : d.references) {
            if (r.name.equals(reference)) {
                return r.interfaceName.substring(r.interfaceName.lastIndexOf('.') + 1);
            }
        }
        return reference;
    }

    private String componentName(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
            if (refs != null && refs[0].getProperty(COMPONENT_NAME) != null) {
                return String.valueOf(refs[0].getProperty(COMPONENT_NAME));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return "service " + serviceId;
    }

    /**
     * UP when every expected resource and extension is published in the Souk application; DOWN naming the missing ones
     * and why (a reference the component waits for, a refusal by the whiteboard).
     *
     * @param expected component name to why it is not active (null when nothing is known against it)
     */
    static CheckResult evaluate(Map<String, String> expected, Set<String> published, Map<String, String> failed,
            boolean applicationPublished) {
        if (!applicationPublished) {
            return CheckResult.down(NAME, true, "the application '" + SoukApplication.NAME + "' is not published");
        }
        if (expected.isEmpty()) {
            return CheckResult.down(NAME, true, "no Souk resource or extension component found");
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(expected).entrySet()) {
            if (!published.contains(e.getKey())) {
                String why = failed.containsKey(e.getKey()) ? failed.get(e.getKey()) : e.getValue();
                missing.add(simpleName(e.getKey()) + " (" + (why == null ? "not published yet" : why) + ")");
            }
        }
        if (!missing.isEmpty()) {
            return CheckResult.down(NAME, true, (expected.size() - missing.size()) + " of " + expected.size()
                    + " resources and extensions published; missing: " + String.join(", ", missing));
        }
        return CheckResult.up(NAME, true, "all " + expected.size() + " resources and extensions published");
    }

    private static String simpleName(String componentName) {
        return componentName.substring(componentName.lastIndexOf('.') + 1);
    }
}

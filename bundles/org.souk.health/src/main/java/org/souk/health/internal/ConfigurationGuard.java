package org.souk.health.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.health.internal.SettingRules.Setting;

/**
 * Every Souk configuration (a PID under {@code org.souk.}) is checked against its metatype before a
 * component sees it, whichever component it is: Configuration Admin hands each configuration to this
 * plugin on its way to Declarative Services. A value that does not fit ({@link SettingRules}) is refused:
 * the component is given the last value it accepted for that key (its default when it never had one),
 * one line is logged, and the refusal stays in the node's health (the {@code configuration} check) until a
 * valid value replaces it. Nothing is silently replaced.
 */
@Component(service = {ConfigurationPlugin.class, ConfigurationGuard.class},
        property = ConfigurationPlugin.CM_RANKING + ":Integer=" + ConfigurationGuard.RANKING)
public class ConfigurationGuard implements ConfigurationPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationGuard.class);

    /** After the plugins that fill values in (interpolation of ${env:...}), within what may still modify. */
    static final int RANKING = 900;
    static final String SOUK = "org.souk.";
    private static final String MASK = "****";

    /** A refused value: where, what was given, why, and what the component has instead. */
    public record Refusal(String pid, String key, String value, String reason, String kept) {

        /** The one line of the log and of the health report. */
        public String line() {
            return pid + ": " + key + " = '" + value + "' refused, " + reason + "; keeping " + kept;
        }
    }

    private final BundleContext context;
    private final MetaTypeService metatype;
    /** Per PID, the last value accepted for each key. */
    private final Map<String, Map<String, Object>> accepted = new ConcurrentHashMap<>();
    /** Per PID, what its current configuration has refused. */
    private final Map<String, Map<String, Refusal>> refused = new ConcurrentHashMap<>();

    @Activate
    public ConfigurationGuard(BundleContext context, @Reference MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    /**
     * Configurations delivered before this plugin was there (components that started first) are checked
     * now; one with a value that does not fit is handed to its components again, this time through the
     * plugin. A valid one is left alone.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    void recheck(ConfigurationAdmin admin) {
        try {
            Configuration[] all = admin.listConfigurations("(service.pid=" + SOUK + "*)");
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties == null) {
                    continue;
                }
                Dictionary<String, Object> copy = new Hashtable<>();
                for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                    String key = keys.nextElement();
                    copy.put(key, properties.get(key));
                }
                modifyConfiguration(null, copy);
                if (refused.containsKey(configuration.getPid())) {
                    configuration.update();
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.warn("Could not check the Souk configurations already delivered: {}", e.toString());
        }
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        String described = String.valueOf(factoryPid != null ? factoryPid : pid);
        if (pid == null || !described.startsWith(SOUK)) {
            return;
        }
        Map<String, Setting> settings = settings(described, factoryPid != null);
        if (!settings.isEmpty()) {
            apply(String.valueOf(pid), settings, properties);
        }
    }

    /** Checks each described key of one configuration, putting back the last accepted value of a refused one. */
    void apply(String pid, Map<String, Setting> settings, Dictionary<String, Object> properties) {
        Map<String, Object> kept = accepted.computeIfAbsent(pid, p -> new ConcurrentHashMap<>());
        Map<String, Refusal> now = new TreeMap<>();
        for (Setting setting : settings.values()) {
            Object value = properties.get(setting.id());
            if (value == null) {
                continue;
            }
            String why = SettingRules.refusal(setting, value);
            if (why == null) {
                kept.put(setting.id(), value);
                continue;
            }
            Object previous = kept.get(setting.id());
            // With nothing accepted before, a setting of options is left to the component, whose own reading of
            // an unknown value is its safe one (an unknown mode is live); replacing it by the default could not be.
            boolean leftToComponent = previous == null && !setting.options().isEmpty();
            if (previous != null) {
                properties.put(setting.id(), previous);
            } else if (!leftToComponent) {
                properties.remove(setting.id());
            }
            String keeping = leftToComponent ? "the component's own safe reading of it"
                    : previous == null ? "the default " + shown(setting, setting.defaultValue()) : shown(setting, previous);
            now.put(setting.id(), new Refusal(pid, setting.id(), shown(setting, value), "it is " + why, keeping));
        }
        Map<String, Refusal> before = now.isEmpty() ? refused.remove(pid) : refused.put(pid, now);
        for (Refusal r : now.values()) {
            if (before == null || !r.equals(before.get(r.key()))) {
                LOG.warn("Configuration {}", r.line());
            }
        }
        if (now.isEmpty() && before != null) {
            LOG.info("Configuration {}: every value accepted again", pid);
        }
    }

    /** What every Souk configuration refuses now, by PID and key. */
    public List<Refusal> refusals() {
        List<Refusal> all = new ArrayList<>();
        new TreeMap<>(refused).values().forEach(r -> all.addAll(r.values()));
        return all;
    }

    private static String shown(Setting setting, Object value) {
        if (value == null) {
            return "(none)";
        }
        if (setting.isSecret()) {
            return MASK;
        }
        return value.getClass().isArray() ? Arrays.toString((Object[]) value) : String.valueOf(value);
    }

    /** The attributes the Souk bundles' metatype declares for a PID (or factory PID). */
    private Map<String, Setting> settings(String pid, boolean factory) {
        Map<String, Setting> settings = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith(SOUK)) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null || !Arrays.asList(factory ? info.getFactoryPids() : info.getPids()).contains(pid)) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition ad : attributes == null ? new AttributeDefinition[0] : attributes) {
                String[] defaults = ad.getDefaultValue();
                settings.put(ad.getID(), new Setting(ad.getID(), ad.getType(),
                        ad.getOptionValues() == null ? List.of() : List.of(ad.getOptionValues()),
                        defaults == null || defaults.length == 0 ? null : defaults[0], ad.getDescription()));
            }
        }
        return settings;
    }
}

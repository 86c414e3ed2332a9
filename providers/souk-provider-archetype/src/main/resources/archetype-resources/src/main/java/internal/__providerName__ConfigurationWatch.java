package ${package}.internal;

import java.io.IOException;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log, when the bundle starts, why the provider is not there yet. The provider needs a
 * configuration (its component requires one) and without it would stay off without a word; a plain
 * configuration of its PID works for one account but makes Felix refuse every further account
 * ("Factory pid supplied after all non-factory configurations"), so that is named too.
 */
@Component(immediate = true)
public class ${providerName}ConfigurationWatch {

    private static final Logger LOG = LoggerFactory.getLogger(${providerName}ConfigurationWatch.class);

    @Activate
    public ${providerName}ConfigurationWatch(@Reference ConfigurationAdmin configurations) {
        try {
            String advice = advice(exists(configurations, "service.factoryPid"), exists(configurations, "service.pid"));
            if (advice != null) {
                LOG.warn(advice);
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.debug("Could not list the configurations of {}: {}", ${providerName}Provider.PID, e.toString());
        }
    }

    /** What to tell an administrator, given whether factory and plain configurations of the PID exist; null: nothing. */
    static String advice(boolean factoryConfigurations, boolean plainConfiguration) {
        String pid = ${providerName}Provider.PID;
        if (plainConfiguration) {
            return "${providerName} has a plain configuration (" + pid + ".cfg): a further account will be refused. "
                    + "Rename it " + pid + "-default.cfg, a factory configuration, as every account's is";
        }
        if (!factoryConfigurations) {
            return "${providerName} provider waits for its configuration: no factory configuration of " + pid
                    + " exists yet. Drop " + pid + "-default.cfg (see the sample beside the README) into etc/";
        }
        return null;
    }

    private static boolean exists(ConfigurationAdmin configurations, String key) throws IOException, InvalidSyntaxException {
        Configuration[] found = configurations.listConfigurations("(" + key + "=" + ${providerName}Provider.PID + ")");
        return found != null && found.length > 0;
    }
}

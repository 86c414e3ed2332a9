package org.souk.payment.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code payment.max.attempts} where installations set it before it moved to {@code org.souk.payment}: in the
 * order lifecycle's {@code org.souk.order.lifecycle}. Still honoured while {@code org.souk.payment} does not set
 * it, with a warning that it moved. Changes apply without a restart, as they did.
 */
@Component(service = MovedAttemptsSetting.class, configurationPid = MovedAttemptsSetting.PID)
public class MovedAttemptsSetting {

    static final String PID = "org.souk.order.lifecycle";
    private static final Logger LOG = LoggerFactory.getLogger(MovedAttemptsSetting.class);

    private volatile AttemptPolicy policy;

    @Activate
    public MovedAttemptsSetting(Map<String, Object> properties) {
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        AttemptPolicy found = AttemptSettings.read(properties);
        if (found != null && !found.equals(policy)) {
            LOG.warn("{} is set in {}: it moved to {}, where it belongs; it is read from {} only while {} does not set it",
                    AttemptSettings.KEY, PID, PaymentSettings.PID, PID, PaymentSettings.PID);
        }
        policy = found;
    }

    /** The attempts set in the order lifecycle's configuration, or null if it sets none. */
    AttemptPolicy policy() {
        return policy;
    }
}

package org.souk.notification.email.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.notification.spi.NotificationChannel;

/**
 * Registers the email channel while {@code etc/org.souk.notification.email.cfg} names an SMTP host. Without one
 * (or with a configuration that cannot work) there is no channel {@code email}: the platform keeps email
 * deliveries waiting until it appears. A changed configuration replaces the channel.
 */
@Component(configurationPid = EmailChannelRegistrar.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = EmailConfig.class)
public class EmailChannelRegistrar {

    static final String PID = "org.souk.notification.email";
    private static final Logger LOG = LoggerFactory.getLogger(EmailChannelRegistrar.class);

    private final ServiceRegistration<NotificationChannel> registration;

    @Activate
    public EmailChannelRegistrar(BundleContext context, EmailConfig config) {
        EmailSettings settings;
        try {
            settings = EmailSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.warn("Email notifications are off: {} in etc/{}.cfg", e.getMessage(), PID);
            registration = null;
            return;
        }
        if (settings == null) {
            LOG.info("Email notifications are off: no 'host' in etc/{}.cfg", PID);
            registration = null;
            return;
        }
        EmailChannel channel = new EmailChannel(settings, EmailTemplates.load(), MailClassLoader.forAngus(),
                config.public_url());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(NotificationChannel.ID_PROPERTY, channel.id());
        registration = context.registerService(NotificationChannel.class, channel, properties);
        LOG.info("Email notifications go through {}", settings);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
    }
}

package org.souk.notification.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.souk.notification.email.cfg: the SMTP server and the sender. Email is off while {@code host} is empty. */
@ObjectClassDefinition(name = "Souk email notifications", description = "The SMTP server that email notifications go through")
public @interface EmailConfig {

    @AttributeDefinition(name = "SMTP host", required = false, description = "Empty: email is off (no channel 'email')")
    String host() default "";

    @AttributeDefinition(name = "SMTP port", required = false, description = "25 or 587 (starttls), 465 (tls)")
    int port() default 587;

    @AttributeDefinition(name = "Security", required = false, description = "none, starttls (required, not opportunistic) or tls")
    String security() default "starttls";

    @AttributeDefinition(name = "User", required = false, description = "Empty: no authentication")
    String user() default "";

    /** The key starts with a dot, so it stays out of the service's properties (and the console). */
    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(name = "From address", required = false, description = "The sender's address")
    String from_address() default "";

    @AttributeDefinition(name = "From name", required = false, description = "The sender's display name")
    String from_name() default "Souk";

    @AttributeDefinition(name = "Connect timeout (ms)", required = false)
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Read timeout (ms)", required = false)
    int read_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Public URL", required = false,
            description = "Where users reach Souk (scheme://host[:port]), the start of the links in emails")
    String public_url() default EmailChannel.DEFAULT_PUBLIC_URL;
}

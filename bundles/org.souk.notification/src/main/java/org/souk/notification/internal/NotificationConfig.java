package org.souk.notification.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How notifications are dispatched; changes apply without a restart. */
@ObjectClassDefinition(name = "Souk notifications")
public @interface NotificationConfig {

    @AttributeDefinition(name = "Poll period", description = "ISO-8601 duration, at least one second: how often "
            + "recorded causes are fanned out and due deliveries attempted")
    String poll() default "PT2S";

    @AttributeDefinition(name = "Attempts", description = "How many times a delivery is attempted before it gives up")
    int max_attempts() default 8;

    @AttributeDefinition(name = "First backoff", description = "ISO-8601 duration: the wait after the first failed "
            + "attempt; each further failure doubles it")
    String backoff_initial() default "PT30S";

    @AttributeDefinition(name = "Longest backoff", description = "ISO-8601 duration: the longest wait between attempts")
    String backoff_max() default "PT1H";

    @AttributeDefinition(name = "Required channels", description = "Channel ids that get deliveries even while their "
            + "bundle is not deployed (they wait for it); other channels get deliveries only while deployed")
    String channels_required() default "in_app";

    @AttributeDefinition(name = "Known channels", description = "Channel ids shown in preferences even while their "
            + "bundle is not deployed")
    String channels_known() default "in_app,email";
}

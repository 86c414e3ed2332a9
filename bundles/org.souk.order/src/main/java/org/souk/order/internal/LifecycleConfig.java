package org.souk.order.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The order lifecycle's windows, as ISO-8601 durations; changes apply without a restart. */
@ObjectClassDefinition(name = "Souk order lifecycle")
public @interface LifecycleConfig {

    @AttributeDefinition(name = "Payment window", description = "ISO-8601 duration: an order not paid within it is "
            + "cancelled (PAYMENT_EXPIRED); a payment still pending at the gateway is looked up once more first")
    String payment_window() default "PT24H";

    @AttributeDefinition(name = "Acceptance window", description = "ISO-8601 duration: a paid order the freelancer "
            + "has not accepted within it is declined, with a full refund")
    String acceptance_window() default "PT48H";

    @AttributeDefinition(name = "Late grace", description = "ISO-8601 duration: an order still undelivered this "
            + "long after its due date may be cancelled by the client alone (LATE_DELIVERY, full refund)")
    String late_grace() default "PT24H";

    @AttributeDefinition(name = "Review window", description = "ISO-8601 duration: a delivery the client neither "
            + "accepts nor sends back for revision within it completes the order")
    String review_window() default "P3D";

    @AttributeDefinition(name = "Cancellation answer window", description = "ISO-8601 duration: a mutual "
            + "cancellation request the other side has not answered within it is accepted automatically when it "
            + "gives the silent side at least its default outcome (a freelancer offering the full refund, a client "
            + "asking it before anything was delivered), and expires otherwise")
    String cancellation_answer_window() default "PT48H";

    @AttributeDefinition(name = "Cancellation cooldown", description = "ISO-8601 duration: after a declined or "
            + "expired cancellation request, the same side may ask again only this long after")
    String cancellation_cooldown() default "P2D";

    @AttributeDefinition(name = "Cancellation requests", description = "How many cancellation requests each side "
            + "may make on one order")
    int cancellation_max_requests() default 2;

    @AttributeDefinition(name = "Revision window", description = "ISO-8601 duration: a revision's own due date, "
            + "from its request; missing it is grounds for a dispute, not for a refund")
    String revision_window() default "P3D";

    @AttributeDefinition(name = "Dispute attention", description = "ISO-8601 duration: an open dispute older than "
            + "this shows in the node's health as a warning")
    String dispute_attention_after() default "P3D";

    @AttributeDefinition(name = "Timer poll period", description = "ISO-8601 duration, at least one second: how "
            + "often due deadlines are looked for")
    String timers_poll() default "PT10S";
}

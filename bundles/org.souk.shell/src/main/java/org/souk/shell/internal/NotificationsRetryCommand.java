package org.souk.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.souk.common.api.audit.AuditTrail;
import org.souk.notification.api.Delivery;
import org.souk.notification.api.NotificationDeliveries;

@Service
@Command(scope = "souk", name = "notifications-retry", description = "Puts a failed notification delivery (or, with "
        + "--all, every one) back in the queue with fresh attempts")
public class NotificationsRetryCommand extends RefusingAction {

    @Argument(index = 0, name = "delivery", description = "The delivery id (see souk:notifications-failed)")
    @Completion(FailedDeliveries.class)
    String deliveryId;

    @Option(name = "--all", description = "Every failed delivery")
    boolean all;

    @Reference
    NotificationDeliveries deliveries;

    @Reference
    AuditTrail audit;

    @Override
    protected Object run() {
        if (all) {
            int queued = deliveries.retryAllFailed();
            audit.record(ConsoleCaller.admin(), AuditTrail.NOTIFICATION_RETRY, "all", null, null, queued + " queued again");
            System.out.println(queued + " failed delivery(ies) queued again");
        } else if (deliveryId == null || deliveryId.isBlank()) {
            System.err.println("Name a delivery (see souk:notifications-failed) or use --all");
        } else if (deliveries.retry(deliveryId.trim())) {
            audit.record(ConsoleCaller.admin(), AuditTrail.NOTIFICATION_RETRY, deliveryId.trim(), null, null, "queued again");
            System.out.println("Delivery " + deliveryId.trim() + " queued again");
        } else {
            System.err.println("No failed delivery " + deliveryId.trim());
        }
        return null;
    }

    /** Completes the ids of failed deliveries. */
    @Service
    public static class FailedDeliveries implements Completer {

        @Reference
        NotificationDeliveries deliveries;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter ids = new StringsCompleter();
            for (Delivery d : deliveries.failed(200)) {
                ids.getStrings().add(d.id());
            }
            return ids.complete(session, commandLine, candidates);
        }
    }
}

package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.notification.api.Delivery;
import org.souk.notification.api.NotificationDeliveries;

@Service
@Command(scope = "souk", name = "notifications-failed", description = "Lists notification deliveries that gave up, "
        + "newest first (retry them with souk:notifications-retry)")
public class NotificationsFailedCommand extends RefusingAction {

    /** The most failed deliveries the dispatcher lists at once. */
    static final int MAX = 1000;

    @Option(name = "-n", aliases = "--max", description = "At most this many (1 to " + NotificationsFailedCommand.MAX + ", default 100)")
    int max = 100;

    @Reference
    NotificationDeliveries deliveries;

    @Override
    protected Object run() {
        int limit = Arguments.within("max", max, 1, MAX);
        ShellTable table = new ShellTable();
        table.column("Delivery");
        table.column("Recipient");
        table.column("Type");
        table.column("Channel");
        table.column("Attempts").alignRight();
        table.column("Gave up");
        table.column("Last error");
        for (Delivery d : deliveries.failed(limit)) {
            table.addRow().addContent(d.id(), d.recipientId(), d.type().id(), d.channel(), d.attempts(), d.endedAt(),
                    d.lastError() == null ? "" : d.lastError());
        }
        table.print(System.out);
        return null;
    }
}

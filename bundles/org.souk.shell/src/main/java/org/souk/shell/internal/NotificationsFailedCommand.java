package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Action;
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
public class NotificationsFailedCommand implements Action {

    @Option(name = "-n", aliases = "--max", description = "At most this many (default 100)")
    int max = 100;

    @Reference
    NotificationDeliveries deliveries;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Delivery");
        table.column("Recipient");
        table.column("Type");
        table.column("Channel");
        table.column("Attempts").alignRight();
        table.column("Gave up");
        table.column("Last error");
        for (Delivery d : deliveries.failed(max)) {
            table.addRow().addContent(d.id(), d.recipientId(), d.type().id(), d.channel(), d.attempts(), d.endedAt(),
                    d.lastError() == null ? "" : d.lastError());
        }
        table.print(System.out);
        return null;
    }
}

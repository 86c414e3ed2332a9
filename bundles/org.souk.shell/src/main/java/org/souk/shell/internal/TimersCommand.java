package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.order.api.Deadline;
import org.souk.order.api.OrderService;

/** The deadlines that will move orders by themselves, soonest first. */
@Service
@Command(scope = "souk", name = "timers", description = "Lists the next order deadlines, soonest first "
        + "(with --fire, fires those due now instead of waiting for the next poll)")
public class TimersCommand extends RefusingAction {

    /** The most deadlines the order service lists at once. */
    static final int MAX = 500;

    @Option(name = "-n", aliases = "--max", description = "How many to list (1 to " + TimersCommand.MAX + ")")
    int max = 20;

    @Option(name = "--fire", description = "Fire the deadlines due now first")
    boolean fire;

    @Reference
    OrderService orders;

    @Override
    protected Object run() {
        int limit = Arguments.within("max", max, 1, MAX);
        if (fire) {
            System.out.println(orders.fireDueDeadlines(500) + " deadline(s) fired");
        }
        ShellTable table = new ShellTable();
        table.column("Due");
        table.column("Order");
        table.column("Deadline");
        for (Deadline d : orders.upcomingDeadlines(limit)) {
            table.addRow().addContent(d.dueAt(), d.orderId(), d.kind());
        }
        table.print(System.out);
        return null;
    }
}

package org.souk.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeService;
import org.souk.order.api.OrderService;

/** The disputes waiting for an administrator, oldest first, with the money at stake in each. */
@Service
@Command(scope = "souk", name = "disputes", description = "Lists open disputes, oldest first, with the order's total "
        + "and the refund proposed (decide one with souk:dispute-resolve)")
public class DisputesCommand extends RefusingAction {

    /** How much of a dispute's reason the table shows. */
    static final int REASON_WIDTH = 40;

    @Option(name = "-n", aliases = "--max", description = "How many disputes to show (1 to 100)")
    int max = 20;

    @Reference
    DisputeService disputes;

    @Reference
    OrderService orders;

    @Override
    protected Object run() {
        Caller admin = ConsoleCaller.admin();
        List<Dispute> open = disputes.openDisputes(admin, Arguments.within("max", max, 1, Page.MAX_LIMIT));
        if (open.isEmpty()) {
            System.out.println("No open disputes.");
            return null;
        }
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        table.column("Dispute");
        table.column("Order");
        table.column("Opened");
        table.column("Age").alignRight();
        table.column("By");
        table.column("Total").alignRight();
        table.column("Proposed refund").alignRight();
        table.column("Reason");
        for (Dispute d : open) {
            table.addRow().addContent(d.id(), d.orderId(), d.openedAt(), age(d.openedAt(), now), d.openedBy(),
                    orders.summary(admin, d.orderId()).total(), d.proposedRefund() == null ? "" : d.proposedRefund(),
                    clip(d.reason(), REASON_WIDTH));
        }
        table.print(System.out);
        System.out.println(open.size() + " open dispute(s)");
        return null;
    }

    /** How long ago: {@code 3d 4h}, {@code 5h 12m}, {@code 40m}. */
    static String age(Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() + "m";
    }

    /** One line of at most {@code width} characters, an ellipsis marking what was cut. */
    static String clip(String text, int width) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}

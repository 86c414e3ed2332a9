package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.Page;
import org.souk.common.api.audit.AuditEntry;
import org.souk.common.api.audit.AuditQuery;
import org.souk.common.api.audit.AuditTrail;

@Service
@Command(scope = "souk", name = "audit", description = "What administrators changed, newest first: who (the Karaf user "
        + "or the token's subject), the action, its target, why and what came of it")
public class AuditCommand extends RefusingAction {

    @Option(name = "--order", description = "Only the changes about this order")
    @Completion(IdCompleters.RecentOrders.class)
    String order;

    @Option(name = "--user", description = "Only the changes this user made")
    @Completion(IdCompleters.KnownUsers.class)
    String user;

    @Option(name = "-n", aliases = "--max", description = "How many entries to show (1 to 100)")
    int max = 20;

    @Option(name = "-o", aliases = "--offset", description = "How many of the newest entries to skip (0 or more)")
    int offset;

    @Reference
    AuditTrail audit;

    @Override
    protected Object run() {
        int limit = Arguments.within("max", max, 1, Page.MAX_LIMIT);
        int skip = (int) Arguments.atLeast("offset", offset, 0);
        Page<AuditEntry> page = audit.list(new AuditQuery(Arguments.trimmed(order), Arguments.trimmed(user), skip, limit, null));
        ShellTable table = new ShellTable();
        table.column("When");
        table.column("User");
        table.column("Action");
        table.column("Target");
        table.column("Order");
        table.column("Reason").maxSize(60);
        table.column("Outcome").maxSize(60);
        for (AuditEntry e : page.items()) {
            table.addRow().addContent(e.at(), e.actor(), e.action(), e.target() == null ? "" : e.target(),
                    e.orderId() == null ? "" : e.orderId(), e.reason() == null ? "" : e.reason(),
                    e.outcome() == null ? "" : e.outcome());
        }
        table.print(System.out);
        System.out.println(page.items().size() + " of " + page.total() + " entry(ies)");
        return null;
    }
}

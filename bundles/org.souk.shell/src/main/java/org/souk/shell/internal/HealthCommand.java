package org.souk.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthReport;
import org.souk.common.api.health.HealthService;

@Service
@Command(scope = "souk", name = "health", description = "Readiness and health: the database, each schema, the REST "
        + "resources, each payment provider and the scheduler, as GET /api/v1/health reports them")
public class HealthCommand extends RefusingAction {

    @Reference
    HealthService health;

    @Override
    protected Object run() {
        HealthReport report = health.report();
        System.out.println("Souk is " + report.status() + (report.ready() ? " (ready)" : " (not ready)"));
        ShellTable table = new ShellTable();
        table.column("Check");
        table.column("Status");
        table.column("Critical");
        table.column("Detail");
        for (CheckResult c : report.checks()) {
            table.addRow().addContent(c.name(), c.status(), c.critical() ? "yes" : "no", c.detail());
        }
        table.print(System.out);
        return null;
    }
}

package org.souk.shell.internal;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.common.api.audit.AuditTrail;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.ReconciliationReport;

@Service
@Command(scope = "souk", name = "reconcile", description = "Asks the gateways about pending payments now and settles them")
public class ReconcileCommand extends RefusingAction {

    @Option(name = "--older-than", description = "Only payments pending for at least this many seconds (0 or more; default: all)")
    long olderThanSeconds;

    @Reference
    PaymentService payments;

    @Reference
    AuditTrail audit;

    @Override
    protected Object run() {
        ReconciliationReport r = payments.reconcile(Duration.ofSeconds(Arguments.atLeast("older-than", olderThanSeconds, 0)));
        // Each payment settles in a transaction of its own: the run is recorded once it is over.
        audit.record(ConsoleCaller.admin(), AuditTrail.RECONCILE, null, null, "asked from the console",
                r.checked() + " checked, " + r.succeeded() + " succeeded, " + r.failed() + " failed, "
                        + r.stillPending() + " still pending");
        System.out.println("Checked " + r.checked() + " pending payment(s): " + r.succeeded() + " succeeded, " + r.failed()
                + " failed, " + r.stillPending() + " still pending, " + r.providerAbsent() + " with no provider deployed");
        return null;
    }
}

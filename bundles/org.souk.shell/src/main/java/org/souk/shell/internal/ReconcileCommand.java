package org.souk.shell.internal;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.ReconciliationReport;

@Service
@Command(scope = "souk", name = "reconcile", description = "Asks the gateways about pending payments now and settles them")
public class ReconcileCommand implements Action {

    @Option(name = "--older-than", description = "Only payments pending for at least this many seconds (default: all)")
    long olderThanSeconds;

    @Reference
    PaymentService payments;

    @Override
    public Object execute() {
        ReconciliationReport r = payments.reconcile(Duration.ofSeconds(Math.max(0, olderThanSeconds)));
        System.out.println("Checked " + r.checked() + " pending payment(s): " + r.succeeded() + " succeeded, " + r.failed()
                + " failed, " + r.stillPending() + " still pending, " + r.providerAbsent() + " with no provider deployed");
        return null;
    }
}

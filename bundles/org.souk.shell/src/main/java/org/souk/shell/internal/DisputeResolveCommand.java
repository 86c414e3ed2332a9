package org.souk.shell.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;
import org.souk.order.api.OrderService;
import org.souk.payment.api.DisputeResolution;
import org.souk.payment.api.PaymentService;

/**
 * An administrator decides an open dispute, through the same door as the API: the order completes, is
 * cancelled with the refund given, or goes back to work to a new due date. The decision is recorded under
 * the Karaf user running the command.
 */
@Service
@Command(scope = "souk", name = "dispute-resolve", description = "Decides an open dispute as an administrator: "
        + "COMPLETE, CANCEL with --refund, or CONTINUE with --due")
public class DisputeResolveCommand extends RefusingAction {

    @Argument(index = 0, name = "dispute", required = true, description = "The dispute id (see souk:disputes)")
    @Completion(OpenDisputes.class)
    String disputeId;

    @Argument(index = 1, name = "decision", required = true, description = "COMPLETE (the work is accepted), "
            + "CANCEL (cancelled with the refund given) or CONTINUE (the work goes on to a new due date)")
    @Completion(ValueCompleters.DisputeDecisions.class)
    String decision;

    @Argument(index = 2, name = "note", required = true, description = "Why, for both sides and the order's timeline")
    String note;

    @Option(name = "--refund", description = "For CANCEL: what goes back to the client, in the order's currency "
            + "(e.g. 100.00; 0 for nothing)")
    String refund;

    @Option(name = "--due", description = "For CONTINUE: the new due date, an instant (2026-12-20T17:00:00Z) or a "
            + "day (2026-12-20: its end, 23:59:59 UTC)")
    String due;

    @Reference
    DisputeService disputes;

    @Reference
    OrderService orders;

    @Reference
    PaymentService payments;

    @Override
    protected Object run() {
        DisputeDecision what = decision(decision);
        Instant dueAt = due == null ? null : dueAt(due);
        Caller admin = ConsoleCaller.admin();
        String id = disputeId.trim();
        Money back = null;
        if (refund != null) {
            Dispute dispute = disputes.dispute(admin, id);
            String currency = orders.summary(admin, dispute.orderId()).total().currency();
            try {
                back = Money.parse(refund.trim(), currency);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("refund", e.getMessage());
            }
        }
        DisputeResolution done = payments.resolveDispute(admin, id, what, back, dueAt, note);
        Dispute d = done.dispute();
        StringBuilder line = new StringBuilder("Dispute ").append(d.id()).append(' ').append(d.status()).append(": ")
                .append(d.decision()).append("; order ").append(done.order().id()).append(" is ")
                .append(done.order().status());
        if (done.order().stage() != null) {
            line.append('/').append(done.order().stage());
        }
        if (d.dueAt() != null) {
            line.append(", due ").append(d.dueAt());
        }
        if (done.refund() != null) {
            line.append("; refund ").append(done.refund().id()).append(" of ").append(done.refund().amount())
                    .append(" is ").append(done.refund().status());
        }
        System.out.println(line);
        return null;
    }

    static DisputeDecision decision(String text) {
        DisputeDecision decision = Arguments.oneOf(DisputeDecision.class, "decision", text);
        if (decision == null) {
            throw new ValidationException("decision", "is missing: one of " + Arguments.names(DisputeDecision.class));
        }
        return decision;
    }

    /** An ISO-8601 instant, or a day meaning its last second in UTC. */
    static Instant dueAt(String text) {
        String value = text.trim();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADay) {
                throw new ValidationException("due", "an instant (2026-12-20T17:00:00Z) or a day (2026-12-20), not "
                        + value);
            }
        }
    }

    /** Completes the ids of open disputes. */
    @Service
    public static class OpenDisputes implements Completer {

        @Reference
        DisputeService disputes;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter ids = new StringsCompleter();
            for (Dispute d : disputes.openDisputes(Caller.SYSTEM, Page.MAX_LIMIT)) {
                ids.getStrings().add(d.id());
            }
            return ids.complete(session, commandLine, candidates);
        }
    }
}

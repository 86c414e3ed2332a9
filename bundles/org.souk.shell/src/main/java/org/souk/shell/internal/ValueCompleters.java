package org.souk.shell.internal;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.souk.common.api.Role;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.OrderStatus;
import org.souk.payment.api.RefundStatus;

/** Completes the fixed values the commands accept: statuses, reasons, decisions, roles; in any case. */
final class ValueCompleters {

    private ValueCompleters() {
    }

    /** Completes the names of an enum's constants, as {@link Arguments#oneOf} reads them. */
    abstract static class EnumNames implements Completer {

        private final Class<? extends Enum<?>> type;

        EnumNames(Class<? extends Enum<?>> type) {
            this.type = type;
        }

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return new StringsCompleter(names(), false).complete(session, commandLine, candidates);
        }

        List<String> names() {
            return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        }
    }

    @Service
    public static class OrderStatuses extends EnumNames {
        public OrderStatuses() {
            super(OrderStatus.class);
        }
    }

    @Service
    public static class CancellationReasons extends EnumNames {
        public CancellationReasons() {
            super(CancellationReason.class);
        }
    }

    @Service
    public static class DisputeDecisions extends EnumNames {
        public DisputeDecisions() {
            super(DisputeDecision.class);
        }
    }

    @Service
    public static class WithdrawalStatuses extends EnumNames {
        public WithdrawalStatuses() {
            super(WithdrawalStatus.class);
        }
    }

    @Service
    public static class RefundStatuses extends EnumNames {
        public RefundStatuses() {
            super(RefundStatus.class);
        }
    }

    /** Roles as tokens name them: client, freelancer, admin. */
    @Service
    public static class Roles implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            List<String> ids = Arrays.stream(Role.values()).map(Role::id).toList();
            return new StringsCompleter(ids, false).complete(session, commandLine, candidates);
        }
    }
}

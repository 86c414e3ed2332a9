package org.souk.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Page;
import org.souk.order.api.OrderService;

class CompletersTest {

    /** The line {@code <command> <typed>} with the cursor at its end. */
    private static CommandLine typing(String command, String typed) {
        String buffer = command + " " + typed;
        return new CommandLineImpl(new String[] {command, typed}, 1, typed.length(), buffer.length(), buffer);
    }

    @Test
    void statusesCompleteInAnyCase() {
        List<String> candidates = new ArrayList<>();
        new ValueCompleters.OrderStatuses().complete(null, typing("souk:orders -s", "proc"), candidates);
        assertThat(candidates).extracting(String::trim).containsExactly("PROCESSING");
    }

    @Test
    void everyReasonAndDecisionIsOffered() {
        List<String> reasons = new ArrayList<>();
        new ValueCompleters.CancellationReasons().complete(null, typing("souk:order-cancel o-1", ""), reasons);
        assertThat(reasons).extracting(String::trim).contains("POLICY_VIOLATION", "PAYMENT_EXPIRED");
        List<String> decisions = new ArrayList<>();
        new ValueCompleters.DisputeDecisions().complete(null, typing("souk:dispute-resolve d-1", "co"), decisions);
        assertThat(decisions).extracting(String::trim).containsExactlyInAnyOrder("COMPLETE", "CONTINUE");
        List<String> roles = new ArrayList<>();
        new ValueCompleters.Roles().complete(null, typing("souk:token omar", "fr"), roles);
        assertThat(roles).extracting(String::trim).containsExactly("freelancer");
    }

    @Test
    void orderIdsComeFromTheNewestOrders() {
        IdCompleters.RecentOrders completer = new IdCompleters.RecentOrders();
        completer.orders = Fakes.of(OrderService.class, Map.of("list", args -> new Page<>(List.of(
                summary("ord-123"), summary("ord-124"), summary("xyz-1")), 0, 100, 3)));
        List<String> candidates = new ArrayList<>();
        completer.complete(null, typing("souk:order", "ord-"), candidates);
        assertThat(candidates).extracting(String::trim).containsExactlyInAnyOrder("ord-123", "ord-124");
    }

    private static org.souk.order.api.OrderSummary summary(String id) {
        return new org.souk.order.api.OrderSummary(id, "omar", "ilyas", null, null, null, null, null, null, null, null);
    }
}

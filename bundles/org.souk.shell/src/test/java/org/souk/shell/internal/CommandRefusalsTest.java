package org.souk.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.souk.auth.api.TokenService;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.payment.api.PaymentService;

/** Each command refuses what it cannot do as one line, before asking any service, and never clamps. */
class CommandRefusalsTest {

    @Test
    void ordersRefusesAnUnknownStatusListingTheValidOnes() {
        OrdersCommand orders = new OrdersCommand();
        orders.orders = Fakes.untouched(OrderService.class);
        orders.status = "BOGUS";
        assertThatThrownBy(orders::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessageStartingWith("status: 'BOGUS' is not one of PENDING, ")
                .hasMessageContaining("CANCELLED").hasMessageNotContaining("No enum constant");
    }

    @Test
    void ordersRefusesAPageSizeOrOffsetOutOfRange() {
        for (int max : new int[] {0, -1, 1000}) {
            OrdersCommand orders = new OrdersCommand();
            orders.orders = Fakes.untouched(OrderService.class);
            orders.max = max;
            assertThatThrownBy(orders::execute).isExactlyInstanceOf(CommandException.class)
                    .hasMessage("max: must be from 1 to 100, not " + max);
        }
        OrdersCommand orders = new OrdersCommand();
        orders.orders = Fakes.untouched(OrderService.class);
        orders.offset = -5;
        assertThatThrownBy(orders::execute).hasMessage("offset: must be 0 or more, not -5");
    }

    @Test
    void ordersRefusesATimeItCannotReadOrARangeThatEndsBeforeItStarts() {
        OrdersCommand orders = new OrdersCommand();
        orders.orders = Fakes.untouched(OrderService.class);
        orders.since = "last week";
        assertThatThrownBy(orders::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessage("since: 'last week' is neither a date (2026-12-01, UTC) nor an instant (2026-12-01T10:00:00Z)");
        orders.since = "2026-12-02";
        orders.until = "2026-12-01";
        assertThatThrownBy(orders::execute).hasMessage("until: must come after since");
    }

    @Test
    void ordersPassesEveryFilterTogether() {
        OrdersCommand orders = new OrdersCommand();
        List<OrderQuery> asked = new java.util.ArrayList<>();
        orders.orders = Fakes.of(OrderService.class, Map.of("list", args -> {
            asked.add((OrderQuery) args[1]);
            return new Page<>(List.of(), 0, 20, 0);
        }));
        orders.client = " amina ";
        orders.freelancer = "youssef";
        orders.gig = "gig-1";
        orders.status = "pending";
        orders.since = "2026-12-01";
        orders.until = "2026-12-01";
        assertThat(orders.run()).isNull();
        assertThat(asked).singleElement().isEqualTo(new OrderQuery(OrderStatus.PENDING, 0, 20, null, "amina", "youssef",
                "gig-1", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")));
    }

    @Test
    void findSaysSoWhenNothingMatchesAndRefusesBlankText() {
        FindCommand find = new FindCommand();
        find.finder = (text, limit) -> List.of();
        find.text = "nobody";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(bytes, true));
        try {
            find.run();
        } finally {
            System.setOut(out);
        }
        assertThat(bytes.toString()).startsWith("Nothing found for 'nobody'");
        find.text = "  ";
        assertThatThrownBy(find::execute).isExactlyInstanceOf(CommandException.class).hasMessageStartingWith("text: is required");
    }

    @Test
    void auditRefusesAPageSizeOutOfRange() {
        AuditCommand audit = new AuditCommand();
        audit.audit = Fakes.untouched(org.souk.common.api.audit.AuditTrail.class);
        audit.max = 0;
        assertThatThrownBy(audit::execute).hasMessage("max: must be from 1 to 100, not 0");
    }

    @Test
    void otherListsRefuseTheirLimitsToo() {
        WithdrawalsCommand withdrawals = new WithdrawalsCommand();
        withdrawals.ledger = Fakes.untouched(LedgerService.class);
        withdrawals.limit = 101;
        assertThatThrownBy(withdrawals::execute).hasMessage("n: must be from 1 to 100, not 101");
        withdrawals.limit = 10;
        withdrawals.status = "paidd";
        assertThatThrownBy(withdrawals::execute).hasMessage("status: 'paidd' is not one of REQUESTED, PAID, REJECTED (in any case)");

        TimersCommand timers = new TimersCommand();
        timers.orders = Fakes.untouched(OrderService.class);
        timers.max = 0;
        timers.fire = true;
        assertThatThrownBy(timers::execute).hasMessage("max: must be from 1 to 500, not 0");

        RefundsCommand refunds = new RefundsCommand();
        refunds.payments = Fakes.untouched(PaymentService.class);
        refunds.status = "DONE";
        assertThatThrownBy(refunds::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessageStartingWith("status: 'DONE' is not one of REQUESTED, PENDING, SUCCEEDED");
    }

    @Test
    void aTokenForNoTimeOrAnUnknownRoleIsRefused() {
        TokenCommand token = new TokenCommand();
        token.tokens = Fakes.untouched(TokenService.class);
        token.user = "omar";
        token.role = "client";
        token.hours = 0;
        assertThatThrownBy(token::execute).hasMessage("hours: must be from 1 to 8784, not 0");
        token.hours = 1;
        token.role = "boss";
        assertThatThrownBy(token::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessageStartingWith("role: ").hasMessageContaining("client, freelancer or admin");
        assertThat(TokenCommand.refusedField("not an email address: x")).isEqualTo("email");
        assertThat(TokenCommand.refusedField("the locale must be one of en, fr, ar")).isEqualTo("locale");
        assertThat(TokenCommand.refusedField("a user id is 1 to 64 characters")).isEqualTo("user");
    }

    @Test
    void aBalanceOfAnIdNobodyHasHeardOfSaysNoSuchUser() {
        BalanceCommand balance = new BalanceCommand();
        balance.ledger = Fakes.of(LedgerService.class, Map.of("balances", args -> List.of(),
                "entries", args -> new Page<>(List.of(), 0, 1, 0)));
        balance.users = Fakes.of(UserDirectory.class, Map.of("contact", args -> Optional.empty()));
        balance.user = "nobody";
        assertThatThrownBy(balance::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessageStartingWith("No such user nobody");

        // Known to the directory but never paid: an empty table, as before.
        balance.users = Fakes.of(UserDirectory.class, Map.of("contact",
                args -> Optional.of(new UserContact("nadia", "nadia@example.com", java.util.Locale.ENGLISH))));
        assertThat(balance.run()).isNull();
    }

    @Test
    void theLedgerOfAnUnknownOrderSaysSo() {
        LedgerCommand ledger = new LedgerCommand();
        ledger.ledger = Fakes.untouched(LedgerService.class);
        ledger.orders = Fakes.of(OrderService.class, Map.of("summary", args -> {
            throw new NotFoundException("No order " + args[1]);
        }));
        ledger.orderId = "nosuch";
        assertThatThrownBy(ledger::execute).isExactlyInstanceOf(CommandException.class).hasMessage("No such order: nosuch");
    }
}

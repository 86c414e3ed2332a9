package org.souk.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;

/**
 * What the pollers ask the database every few seconds, whatever the load, must cost the same at the
 * thousandth order and the millionth: each statement is run on the shipped schema with Derby's runtime
 * statistics on, and its plan must read the polled table through an index, never scan it whole.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class QueryPlansIT extends SoukTestSupport {

    /**
     * The pollers' statements as the database receives them (the JPQL ones as EclipseLink writes them), with
     * the table each must not scan. Keep in step with the code named beside each.
     */
    private static final List<String[]> POLLERS = List.of(
            // DueRows.pendingIds: order deadlines, notification causes, clearances
            new String[] {"ORDER_TIMER", "SELECT id FROM order_timer WHERE state = 'PENDING' AND due_at <= CURRENT_TIMESTAMP ORDER BY due_at"},
            new String[] {"NOTIFICATION_OUTBOX", "SELECT id FROM notification_outbox WHERE state = 'PENDING' AND due_at <= CURRENT_TIMESTAMP ORDER BY due_at"},
            new String[] {"LEDGER_CLEARANCE", "SELECT id FROM ledger_clearance WHERE state = 'PENDING' AND due_at <= CURRENT_TIMESTAMP ORDER BY due_at"},
            // Dispatcher.dueDeliveries
            new String[] {"NOTIFICATION_DELIVERY", "SELECT id FROM notification_delivery WHERE state = 'PENDING' AND due_at <= CURRENT_TIMESTAMP "
                    + "AND channel IN ('in_app', 'email') ORDER BY due_at"},
            // Reconciler: attempts due for a re-check, payments waiting for their gateway
            new String[] {"PAYMENT_ATTEMPT", "SELECT id FROM payment_attempt WHERE recheck_at <= CURRENT_TIMESTAMP ORDER BY recheck_at"},
            new String[] {"PAYMENT", "SELECT COUNT(t0.ID) FROM payment t0, payment_attempt t1 WHERE (((((t0.STATUS = 'PENDING') "
                    + "AND (t1.attempt_number = t0.attempt_number)) AND (t1.STATUS <> 'DECLINED')) AND (t1.PROVIDER NOT IN ('sandbox'))) "
                    + "AND (t1.payment_id = t0.ID))"},
            // RefundAsker: refunds waiting to be asked again, and those of one payment after its settlement
            new String[] {"PAYMENT_REFUND", "SELECT ID FROM payment_refund WHERE (STATUS IN ('REQUESTED', 'PENDING')) ORDER BY next_attempt_at"},
            new String[] {"PAYMENT_REFUND", "SELECT ID FROM payment_refund WHERE (payment_id = 'p-1')"},
            // JpaPayoutService: withdrawals waiting for their payout provider, and those in flight
            new String[] {"LEDGER_WITHDRAWAL", "SELECT ID FROM ledger_withdrawal WHERE ((STATUS = 'REQUESTED') "
                    + "AND (payout_provider IN ('banktransfer'))) ORDER BY payout_checked_at, ID"},
            new String[] {"LEDGER_WITHDRAWAL", "SELECT ID FROM ledger_withdrawal WHERE ((STATUS = 'REQUESTED') "
                    + "AND (payout_provider IS NOT NULL)) ORDER BY payout_claimed_at, ID"},
            // DisputesHealthCheck: open disputes, oldest first
            new String[] {"ORDER_DISPUTE", "SELECT ID FROM order_dispute WHERE (STATUS = 'OPEN') ORDER BY opened_at, ID"},
            // IdempotencyStore and EventTickets: expired rows deleted
            new String[] {"REST_IDEMPOTENCY", "SELECT id FROM rest_idempotency WHERE expires_ms <= 0"},
            new String[] {"REST_EVENT_TICKET", "SELECT ticket_hash FROM rest_event_ticket WHERE expires_ms <= 0"});

    /**
     * What an administrator's search asks: the order lists narrowed by client, freelancer, gig or status and a
     * time range, by cursor (OrderHistory.pageAfter) and by offset (as EclipseLink writes the JPQL), and the
     * keys souk:find and ?q= look up (JpaOrderFinder, JpaUserDirectory.usersWithEmail). Keep in step with them.
     */
    private static final List<String[]> SEARCHES = List.of(
            new String[] {"ORDERS", "SELECT * FROM orders WHERE client_id = 'c' AND placed_at >= CURRENT_TIMESTAMP "
                    + "AND placed_at <= CURRENT_TIMESTAMP AND (placed_at < CURRENT_TIMESTAMP OR id < 'z') "
                    + "ORDER BY placed_at DESC, id DESC FETCH FIRST 21 ROWS ONLY"},
            new String[] {"ORDERS", "SELECT * FROM orders WHERE freelancer_id = 'f' AND placed_at < CURRENT_TIMESTAMP "
                    + "AND placed_at <= CURRENT_TIMESTAMP AND (placed_at < CURRENT_TIMESTAMP OR id < 'z') "
                    + "ORDER BY placed_at DESC, id DESC FETCH FIRST 21 ROWS ONLY"},
            new String[] {"ORDERS", "SELECT * FROM orders WHERE gig_id = 'g' AND placed_at <= CURRENT_TIMESTAMP "
                    + "AND (placed_at < CURRENT_TIMESTAMP OR id < 'z') ORDER BY placed_at DESC, id DESC FETCH FIRST 21 ROWS ONLY"},
            new String[] {"ORDERS", "SELECT * FROM orders WHERE status = 'PENDING' AND placed_at >= CURRENT_TIMESTAMP "
                    + "AND placed_at <= CURRENT_TIMESTAMP AND (placed_at < CURRENT_TIMESTAMP OR id < 'z') "
                    + "ORDER BY placed_at DESC, id DESC FETCH FIRST 21 ROWS ONLY"},
            new String[] {"ORDERS", "SELECT ID FROM ORDERS WHERE ((GIG_ID = 'g') AND (PLACED_AT >= CURRENT_TIMESTAMP)) "
                    + "ORDER BY PLACED_AT DESC, ID DESC"},
            new String[] {"ORDERS", "SELECT COUNT(ID) FROM ORDERS WHERE ((FREELANCER_ID = 'f') AND (PLACED_AT < CURRENT_TIMESTAMP))"},
            new String[] {"PAYMENT", "SELECT order_id FROM payment WHERE id = 'p-1'"},
            new String[] {"PAYMENT_ATTEMPT", "SELECT p.order_id FROM payment_attempt a JOIN payment p ON p.id = a.payment_id "
                    + "WHERE a.id = 'p-1-2'"},
            new String[] {"PAYMENT_ATTEMPT", "SELECT p.order_id FROM payment_attempt a JOIN payment p ON p.id = a.payment_id "
                    + "WHERE a.gateway_reference = 'ch-1'"},
            new String[] {"PAYMENT_REFUND", "SELECT order_id FROM payment_refund WHERE gateway_reference = 're-1'"},
            new String[] {"USER_CONTACT", "SELECT USER_ID FROM user_contact WHERE ((EMAIL = 'A@x.ma') OR (EMAIL = 'a@x.ma')) "
                    + "ORDER BY USER_ID"});

    @Test
    public void everySearchReadsItsTableThroughAnIndex() throws Exception {
        assertEveryStatementReadsByIndex(SEARCHES);
    }

    @Test
    public void everyPollerReadsItsTableThroughAnIndex() throws Exception {
        assertEveryStatementReadsByIndex(POLLERS);
    }

    private void assertEveryStatementReadsByIndex(List<String[]> statements) throws Exception {
        List<String> scans = new ArrayList<>();
        try (Connection c = dataSource().getConnection()) {
            for (String[] poller : statements) {
                String plan = plan(c, poller[1]);
                if (!readsByIndex(plan, poller[0])) {
                    scans.add(poller[1] + "\n" + plan);
                }
            }
        }
        assertTrue("statements that scan a whole table:\n" + String.join("\n\n", scans), scans.isEmpty());
    }

    @Test
    public void theCheckSeesAWholeTableScan() throws Exception {
        try (Connection c = dataSource().getConnection()) {
            // No index starts with the kind of a deadline: this reads every row.
            assertFalse(readsByIndex(plan(c, "SELECT id FROM order_timer WHERE kind = 'ACCEPTANCE'"), "ORDER_TIMER"));
        }
    }

    /** Whether the plan reads {@code table} only through one of its indexes (or constraints). */
    private static boolean readsByIndex(String plan, String table) {
        String upper = plan.toUpperCase(Locale.ROOT);
        return upper.contains("INDEX SCAN RESULTSET FOR " + table + " ")
                && !upper.contains("TABLE SCAN RESULTSET FOR " + table + " ");
    }

    private static String plan(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            try (ResultSet rows = s.executeQuery(sql)) {
                while (rows.next()) {
                    // read every row: the statistics describe the whole execution
                }
            }
            try (ResultSet stats = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                stats.next();
                return stats.getString(1);
            } finally {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
            }
        }
    }

    private DataSource dataSource() throws Exception {
        Collection<ServiceReference<DataSource>> refs = bundleContext.getServiceReferences(DataSource.class,
                "(osgi.jndi.service.name=souk)");
        assertFalse("no souk DataSource", refs.isEmpty());
        return bundleContext.getService(refs.iterator().next());
    }
}

package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the money goes, over real HTTP and the console: into escrow when paid, to revenue and the
 * freelancer when completed, available after the clearance period, out by a withdrawal; a partial refund
 * splits the escrow. Orders are paid by bank transfer (real money, confirmed by a signed statement line),
 * except where a test payment's money is the point. The ledger checks clean after each path.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class LedgerIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Product photos\",\"description\":\"Ten photos of your product\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"Ten photos\",\"price\":\"250.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"JPG\"]}]}";


    private static final String BANK_STATEMENT_SECRET = "bank-statement-import-secret";

    private String client;

    @Before
    public void users() throws Exception {
        client = token("othmane", "client");
        await("the ledger resources", () -> http.get("earnings", client).status() == 200);
        if (!http.get("payment-methods", client).toString().contains("banktransfer.manual")) {
            Files.writeString(Path.of(System.getProperty("karaf.base"), "etc", "org.souk.provider.banktransfer.cfg"),
                    "account = MA64 0115 1900 0001 2050 0053 4921\nbeneficiary = Souk Escrow SARL\n.webhook.secret = "
                            + BANK_STATEMENT_SECRET + "\n");
            console("feature:install souk-provider-banktransfer");
            await("the bank-transfer provider",
                    () -> http.get("payment-methods", client).toString().contains("banktransfer.manual"));
        }
    }

    @Test
    public void earningsFromATestPaymentAreKeptApartAndCanNeverBeWithdrawn() throws Exception {
        String freelancer = token("ilyas", "freelancer");
        String orderId = testPaidOrder(freelancer);
        http.post("orders/" + orderId + "/accept", freelancer, null);
        http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}");
        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));

        Reply ledger = http.get("orders/" + orderId + "/ledger", freelancer);
        assertEquals(ledger.toString(), "TEST_PAYMENT_CAPTURED", ledger.at("/postings/0/kind"));
        assertEquals("50.00", balance(ledger, "TEST_REVENUE"));
        assertEquals("200.00", balance(ledger, "TEST_EARNINGS"));
        assertEquals("0.00", balance(ledger, "PLATFORM_REVENUE"));
        assertEquals("0.00", balance(ledger, "FREELANCER_PENDING"));

        // Long past the clearance period, the play money is still only play money.
        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofDays(30));
            Reply earnings = http.get("earnings", freelancer);
            assertEquals(earnings.toString(), "200.00", earnings.at("/balances/0/test/amount"));
            assertEquals("0.00", earnings.at("/balances/0/pending/amount"));
            assertEquals("0.00", earnings.at("/balances/0/available/amount"));
            Reply refused = http.post("withdrawals", freelancer, "{\"amount\":\"100.00\"}");
            assertProblem(refused, 409, "insufficient-funds");
            assertTrue(refused.toString(), refused.at("/detail").contains("test payments"));
        } finally {
            souk.resetClocks();
        }
        String balance = console("souk:balance ilyas");
        assertTrue(balance, balance.contains("Test") && balance.contains("200.00"));
        assertLedgerClean();
    }

    @Test
    public void aCompletedOrderPaysCommissionAndTheFreelancerWhoWithdrawsAfterClearance() throws Exception {
        String freelancer = token("nawal", "freelancer");
        String orderId = paidOrder(freelancer);
        Reply escrowed = http.get("orders/" + orderId + "/ledger", client);
        assertEquals(escrowed.toString(), 1, escrowed.json().get("postings").size());
        assertEquals("250.00", balance(escrowed, "ESCROW"));
        assertProblem(http.get("orders/" + orderId + "/ledger", token("sanae", "client")), 404, "not-found");

        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));

        // 20 % commission on 250.00 is 50.00; the freelancer's 200.00 is pending until cleared.
        Reply released = http.get("orders/" + orderId + "/ledger", freelancer);
        assertEquals("0.00", balance(released, "ESCROW"));
        assertEquals("50.00", balance(released, "PLATFORM_REVENUE"));
        assertEquals("200.00", balance(released, "FREELANCER_PENDING"));
        Reply earnings = http.get("earnings", freelancer);
        assertEquals(earnings.toString(), "200.00", earnings.at("/balances/0/pending/amount"));
        assertEquals("0.00", earnings.at("/balances/0/available/amount"));
        assertProblem(http.post("withdrawals", freelancer, "{\"amount\":\"100.00\"}"), 409, "insufficient-funds");
        Reply entries = http.get("earnings/entries", freelancer);
        assertEquals(orderId, entries.at("/items/0/orderId"));

        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofDays(14).plusMinutes(1));
            // The ledger's own poller releases due clearances every few seconds.
            await("the clearance", () -> "200.00".equals(http.get("earnings", freelancer).at("/balances/0/available/amount")));
        } finally {
            souk.resetClocks();
        }
        assertEquals("0.00", http.get("earnings", freelancer).at("/balances/0/pending/amount"));

        // Withdrawals: too little, then one open at a time; the amount is reserved at once.
        assertField(http.post("withdrawals", freelancer, "{\"amount\":\"10.00\"}"), "amount");
        assertField(http.post("withdrawals", freelancer, "{\"amount\":\"ten\"}"), "amount");
        assertProblem(http.post("withdrawals", client, "{\"amount\":\"100.00\"}"), 403, "forbidden");
        Reply asked = http.post("withdrawals", freelancer, "{\"amount\":\"120.00\",\"currency\":\"MAD\"}");
        assertEquals(asked.toString(), 201, asked.status());
        assertEquals("REQUESTED", asked.at("/status"));
        String first = asked.at("/id");
        assertProblem(http.post("withdrawals", freelancer, "{\"amount\":\"100.00\"}"), 409, "withdrawal-open");
        Reply reserved = http.get("earnings", freelancer);
        assertEquals("80.00", reserved.at("/balances/0/available/amount"));
        assertEquals("120.00", reserved.at("/balances/0/reserved/amount"));
        assertProblem(http.post("withdrawals/" + first + "/pay", freelancer, "{\"reference\":\"x\"}"), 403, "forbidden");

        // Rejected: available again. Then a withdrawal paid from the console, with its bank reference.
        Reply rejected = http.post("withdrawals/" + first + "/reject", token("admin1", "admin"), "{\"reason\":\"Bank details missing\"}");
        assertEquals(rejected.toString(), "REJECTED", rejected.at("/status"));
        assertEquals("200.00", http.get("earnings", freelancer).at("/balances/0/available/amount"));
        String second = http.post("withdrawals", freelancer, "{\"amount\":\"200.00\"}").at("/id");
        String listed = console("souk:withdrawals --status REQUESTED");
        assertTrue(listed, listed.contains(second));
        String paid = console("souk:withdrawal-pay " + second + " TRF-2026-0042");
        assertTrue(paid, paid.contains("PAID"));
        Reply after = http.get("earnings", freelancer);
        assertEquals("0.00", after.at("/balances/0/available/amount"));
        assertEquals("200.00", after.at("/balances/0/paidOut/amount"));
        assertEquals("TRF-2026-0042", http.get("withdrawals/" + second, freelancer).at("/reference"));
        assertProblem(http.post("withdrawals/" + second + "/reject", token("admin1", "admin"), "{\"reason\":\"late\"}"),
                409, "withdrawal-decided");

        String balance = console("souk:balance nawal");
        assertTrue(balance, balance.contains("200.00"));
        assertLedgerClean();
    }

    @Test
    public void aPartialRefundSplitsTheEscrowBetweenTheClientAndTheFreelancersEarnings() throws Exception {
        String freelancer = token("yasmine", "freelancer");
        // A gateway with a refund API: the sandbox, so the earnings are a test payment's.
        String orderId = testPaidOrder(freelancer);
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        assertEquals(201, http.post("orders/" + orderId + "/cancellation-request", client,
                "{\"reason\":\"Plans changed\",\"refund\":{\"amount\":\"150.00\"}}").status());
        Reply agreed = http.post("orders/" + orderId + "/cancellation-request/accept", freelancer, null);
        assertEquals(agreed.toString(), "SUCCEEDED", agreed.at("/refund/status"));

        // 150.00 back to the client (paid out at the gateway); of the 100.00 kept, 20.00 commission, 80.00 earned.
        Reply ledger = http.get("orders/" + orderId + "/ledger", client);
        assertEquals(ledger.toString(), "0.00", balance(ledger, "ESCROW"));
        assertEquals("0.00", balance(ledger, "REFUNDS_PAYABLE"));
        assertEquals("20.00", balance(ledger, "TEST_REVENUE"));
        assertEquals("80.00", balance(ledger, "TEST_EARNINGS"));
        assertEquals("80.00", http.get("earnings", freelancer).at("/balances/0/test/amount"));
        String shown = console("souk:ledger " + orderId);
        assertTrue(shown, shown.contains("REFUNDS_PAYABLE") && shown.contains("-150.00"));
        assertLedgerClean();
    }

    @Test
    public void aFullRefundGivesTheWholeEscrowBack() throws Exception {
        String freelancer = token("kamal", "freelancer");
        String orderId = testPaidOrder(freelancer);
        Reply declined = http.post("orders/" + orderId + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\"}");
        assertEquals(declined.toString(), "SUCCEEDED", declined.at("/refund/status"));
        Reply ledger = http.get("orders/" + orderId + "/ledger", client);
        assertEquals("0.00", balance(ledger, "ESCROW"));
        assertEquals("0.00", balance(ledger, "REFUNDS_PAYABLE"));
        assertEquals(0, http.get("earnings", freelancer).json().get("balances").size());
        assertLedgerClean();
    }

    @Test
    public void aRefundAfterCompletionClawsTheMoneyBackFromTheFreelancer() throws Exception {
        String freelancer = token("leila", "freelancer");
        String admin = token("admin2", "admin");
        String orderId = testPaidOrder(freelancer);
        String refunds = "orders/" + orderId + "/refunds";
        assertProblem(http.post(refunds, admin, "{\"amount\":{\"amount\":\"100.00\"},\"reason\":\"x\"}"), 409, "order-not-completed");
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));

        // Administrators only; never more than was paid; a reason for both sides.
        assertProblem(http.post(refunds, client, "{\"amount\":{\"amount\":\"100.00\"},\"reason\":\"x\"}"), 403, "forbidden");
        assertField(http.post(refunds, admin, "{\"amount\":{\"amount\":\"300.00\"},\"reason\":\"x\"}"), "amount");
        assertField(http.post(refunds, admin, "{\"amount\":{\"amount\":\"100.00\"}}"), "reason");

        Reply refund = http.post(refunds, admin, "{\"amount\":{\"amount\":\"100.00\"},\"reason\":\"Photos were blurred\"}");
        assertEquals(refund.toString(), 201, refund.status());
        assertEquals("SUCCEEDED", refund.at("/status"));
        assertEquals("100.00", refund.at("/amount/amount"));
        // 20.00 of it from the commission, 80.00 from the freelancer; a test payment's, so from the test accounts
        // only (the same split from real money takes from available, which may go negative: see the unit tests).
        Reply ledger = http.get("orders/" + orderId + "/ledger", client);
        assertEquals("30.00", balance(ledger, "TEST_REVENUE"));
        assertEquals("120.00", balance(ledger, "TEST_EARNINGS"));
        assertEquals("0.00", balance(ledger, "FREELANCER_AVAILABLE"));
        assertEquals("0.00", balance(ledger, "REFUNDS_PAYABLE"));
        Reply earnings = http.get("earnings", freelancer);
        assertEquals("120.00", earnings.at("/balances/0/test/amount"));
        assertEquals("0.00", earnings.at("/balances/0/available/amount"));

        // What is left to refund is 150.00, whichever way it is asked.
        String refused = souk.consoleError("souk:order-refund " + orderId + " 150.01 \"too much\"");
        assertTrue(refused, refused.contains("at most"));
        String done = console("souk:order-refund " + orderId + " 150.00 \"the rest\"");
        assertTrue(done, done.contains("150.00 MAD"));
        assertEquals("0.00", http.get("earnings", freelancer).at("/balances/0/test/amount"));
        assertLedgerClean();
    }

    @Test
    public void racingCompletionsCancellationsWebhooksAndWithdrawalsLeaveTheLedgerBalanced() throws Exception {
        String freelancer = token("hamza", "freelancer");
        // Earnings to withdraw: one order completed and cleared.
        String cleared = paidOrder(freelancer);
        http.post("orders/" + cleared + "/accept", freelancer, null);
        http.post("orders/" + cleared + "/deliveries", freelancer, "{\"note\":\"done\"}");
        http.post("orders/" + cleared + "/complete", client, null);
        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofDays(15));
            await("the clearance", () -> "200.00".equals(http.get("earnings", freelancer).at("/balances/0/available/amount")));
        } finally {
            souk.resetClocks();
        }
        String toComplete = paidOrder(freelancer);
        http.post("orders/" + toComplete + "/accept", freelancer, null);
        http.post("orders/" + toComplete + "/deliveries", freelancer, "{\"note\":\"done\"}");
        String toDecline = paidOrder(freelancer);
        String pending = placeOrder(freelancer);
        String reference = http.post("orders/" + pending + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"4000000000000259\"}}").at("/transactionId");
        byte[] webhook = ("{\"id\":\"evt-race-" + pending + "\",\"reference\":\"" + reference + "\",\"status\":\"succeeded\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> signed = Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(webhook));

        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(() -> http.post("orders/" + toComplete + "/complete", client, null));
            calls.add(() -> http.post("orders/" + toDecline + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\"}"));
            calls.add(() -> http.postRaw("webhooks/sandbox", webhook, signed));
            calls.add(() -> http.post("withdrawals", freelancer, "{\"amount\":\"150.00\"}"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Reply> f : pool.invokeAll(calls)) {
                int status = f.get().status();
                assertTrue(f.get().toString(), status < 300 || status == 409);
            }
        } finally {
            pool.shutdownNow();
        }
        // Each move happened once: one release, one refund, one capture, one withdrawal.
        assertEquals("COMPLETED", http.get("orders/" + toComplete, client).at("/status"));
        assertEquals("50.00", balance(http.get("orders/" + toComplete + "/ledger", client), "PLATFORM_REVENUE"));
        Reply declined = http.get("orders/" + toDecline, client);
        assertEquals("CANCELLED", declined.at("/status"));
        assertEquals(1, declined.json().get("refunds").size());
        assertEquals("250.00", balance(http.get("orders/" + pending + "/ledger", client), "ESCROW"));
        assertEquals(1, http.get("withdrawals?status=REQUESTED", freelancer).json().get("total").asInt());
        Reply earnings = http.get("earnings", freelancer);
        assertEquals("50.00", earnings.at("/balances/0/available/amount"));
        assertEquals("150.00", earnings.at("/balances/0/reserved/amount"));
        assertEquals("200.00", earnings.at("/balances/0/pending/amount"));
        assertLedgerClean();
    }

    @Test
    public void aWithdrawalIsPaidOnceThroughTheBankTransferPayoutBundleWhenItsBatchIsSent() throws Exception {
        String freelancer = token("salim", "freelancer");
        String admin = token("admin3", "admin");
        // Earnings to withdraw: one order completed and cleared, 200.00 available.
        String orderId = paidOrder(freelancer);
        http.post("orders/" + orderId + "/accept", freelancer, null);
        http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}");
        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));
        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofDays(15));
            await("the clearance", () -> "200.00".equals(http.get("earnings", freelancer).at("/balances/0/available/amount")));
        } finally {
            souk.resetClocks();
        }

        // The bank-transfer payout bundle, hot-deployed with its configuration.
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path batches = Path.of(System.getProperty("karaf.data"), "payouts-it");
        Path config = deploy.resolve("org.souk.payout.banktransfer.cfg");
        Files.writeString(config, "batch.directory = " + batches.toAbsolutePath().toString().replace('\\', '/')
                + "\ndebtor.iban = MA20 0118 1000 0000 1234 5678 9012\ndebtor.name = Souk Escrow SARL\n");
        Path deployed = deploy.resolve(SoukFixtures.shippedBundle("org.souk.payout.banktransfer").getFileName());
        Files.copy(SoukFixtures.shippedBundle("org.souk.payout.banktransfer"), deployed, StandardCopyOption.REPLACE_EXISTING);
        try {
            await("the banktransfer payout provider", () -> {
                try {
                    return console("souk:payouts").contains("Payout providers: banktransfer");
                } catch (Exception notYet) {
                    return false;
                }
            });
            String id = http.post("withdrawals", freelancer, "{\"amount\":\"150.00\"}").at("/id");
            String payout = "withdrawals/" + id + "/payout";
            String body = "{\"provider\":\"banktransfer\",\"reason\":\"Monthly payout run\"}";
            assertProblem(http.post(payout, admin, body), 409, "no-payout-details");
            assertField(http.post(payout, admin, "{\"provider\":\"wallet\",\"reason\":\"Monthly payout run\"}"), "provider");
            assertField(http.post(payout, admin, "{\"provider\":\"banktransfer\"}"), "reason");
            assertProblem(http.post(payout, freelancer, body), 403, "forbidden");
            // Nothing to release before a provider was asked; only administrators release.
            assertProblem(http.post(payout + "/release", admin, "{\"note\":\"stuck\"}"), 409, "withdrawal-not-paying");
            assertProblem(http.post(payout + "/release", freelancer, "{\"note\":\"stuck\"}"), 403, "forbidden");
            String nothing = souk.consoleError("souk:withdrawal-payout-release " + id + " batch lost");
            assertTrue(nothing, nothing.contains("No payout provider is paying"));

            // Payout details: a wrong check digit names the field; the IBAN is shown masked.
            assertField(http.put("me/payout-details", freelancer,
                    "{\"iban\":\"MA21 0118 1000 0000 1234 5678 9012\",\"holder\":\"Salim Amrani\"}"), "iban");
            assertField(http.put("me/payout-details", freelancer, "{\"iban\":\"MA20 0118 1000 0000 1234 5678 9012\"}"), "holder");
            assertProblem(http.get("me/payout-details", freelancer), 404, "not-found");
            Reply details = http.put("me/payout-details", freelancer,
                    "{\"iban\":\"MA20 0118 1000 0000 1234 5678 9012\",\"holder\":\"Salim Amrani\"}");
            assertEquals(details.toString(), 200, details.status());
            assertEquals("************************9012", details.at("/iban"));
            assertEquals("Salim Amrani", http.get("me/payout-details", freelancer).at("/holder"));
            assertEquals("************************9012", http.get("me/payout-details", freelancer).at("/iban"));

            // Asked twice at once: one claim wins, the other is refused; the bank-transfer batch has one line.
            List<Callable<Reply>> twice = List.of(() -> http.post(payout, admin, body), () -> http.post(payout, admin, body));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Integer> statuses = new ArrayList<>();
            try {
                for (Future<Reply> f : pool.invokeAll(twice)) {
                    statuses.add(f.get().status());
                    if (f.get().status() != 200) {
                        assertProblem(f.get(), 409, "withdrawal-paying");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            java.util.Collections.sort(statuses);
            assertEquals(List.of(200, 409), statuses);
            String again = souk.consoleError("souk:withdrawal-payout " + id + " banktransfer Monthly payout run");
            assertTrue(again, again.contains("being paid through banktransfer"));
            assertProblem(http.post("withdrawals/" + id + "/pay", admin, "{\"reference\":\"TRF-1\"}"), 409, "withdrawal-paying");
            Reply pending = http.get("withdrawals/" + id, freelancer);
            assertEquals(pending.toString(), "REQUESTED", pending.at("/status"));
            assertEquals("banktransfer", pending.at("/payoutProvider"));
            assertEquals(id, pending.at("/reference"));
            assertEquals("150.00", http.get("earnings", freelancer).at("/balances/0/reserved/amount"));

            List<Path> files;
            try (var listed = Files.list(batches)) {
                files = listed.filter(p -> p.getFileName().toString().endsWith(".xml")).toList();
            }
            assertEquals(files.toString(), 1, files.size());
            String batch = Files.readString(files.get(0), StandardCharsets.UTF_8);
            assertEquals(batch, 2, batch.split("<CdtTrfTxInf>", -1).length);
            assertTrue(batch, batch.contains("<EndToEndId>" + id.replace("-", "") + "</EndToEndId>")
                    && batch.contains("<IBAN>MA20011810000000123456789012</IBAN>") && batch.contains("<Nm>Salim Amrani</Nm>")
                    && batch.contains("<InstdAmt Ccy=\"MAD\">150.00</InstdAmt>") && batch.contains("<CtrlSum>150.00</CtrlSum>"));
            String inFlight = console("souk:payouts --check");
            assertTrue(inFlight, inFlight.contains("0 payout(s) settled") && inFlight.contains(id));

            // The operator sent the batch to the bank and moved it into sent/: the next check pays the withdrawal.
            Files.move(files.get(0), batches.resolve("sent").resolve(files.get(0).getFileName()));
            // (The scheduled poll, every payouts.poll, would do the same a little later.)
            String checked = console("souk:payouts --check");
            assertTrue(checked, checked.contains("payout(s) settled") && !checked.contains(id));
            Reply paid = http.get("withdrawals/" + id, freelancer);
            assertEquals(paid.toString(), "PAID", paid.at("/status"));
            assertEquals("payout:banktransfer", paid.at("/decidedBy"));
            assertTrue(paid.toString(), paid.at("/reference").startsWith("SOUK-PAYOUTS-"));
            Reply earnings = http.get("earnings", freelancer);
            assertEquals("50.00", earnings.at("/balances/0/available/amount"));
            assertEquals("0.00", earnings.at("/balances/0/reserved/amount"));
            assertEquals("150.00", earnings.at("/balances/0/paidOut/amount"));
            assertTrue(console("souk:payouts --check").contains("0 payout(s) settled"));
            assertLedgerClean();
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(config);
        }
        await("the payout provider to go", () -> {
            try {
                return console("souk:payouts").contains("none deployed");
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    // ------------------------------------------------------------------------------------------

    private String placeOrder(String freelancer) {
        return souk.placedOrder(client, souk.createGig(freelancer, GIG), "Our new teapot");
    }

    private void assertLedgerClean() throws Exception {
        String check = console("souk:ledger-check");
        assertTrue(check, check.contains("clean"));
    }

    /** An order paid by bank transfer, confirmed by a signed statement line: real money. */
    private String paidOrder(String freelancer) {
        String orderId = placeOrder(freelancer);
        Reply asked = http.post("orders/" + orderId + "/payment", client, "{\"method\":\"banktransfer.manual\",\"details\":{}}");
        assertEquals(asked.toString(), "PENDING", asked.at("/status"));
        // The client's transfer shows on the bank statement; its import confirms it, signed.
        byte[] statement = ("{\"id\":\"stmt-" + orderId + "\",\"reference\":\"" + asked.at("/transactionId")
                + "\",\"status\":\"received\",\"amount\":\"250.00\",\"currency\":\"MAD\"}").getBytes(StandardCharsets.UTF_8);
        Reply confirmed = http.postRaw("webhooks/banktransfer", statement,
                Map.of("X-Souk-Signature", SoukFixtures.hmacHex(BANK_STATEMENT_SECRET, statement)));
        assertEquals(confirmed.toString(), 200, confirmed.status());
        Reply paid = http.get("orders/" + orderId, client);
        assertEquals(paid.toString(), "PROCESSING", paid.at("/status"));
        return orderId;
    }

    /** An order paid with the sandbox's success card: a test payment. */
    private String testPaidOrder(String freelancer) {
        String orderId = placeOrder(freelancer);
        souk.paid(orderId, client);
        return orderId;
    }

    /** The balance of the order's account of one kind, summed over its postings (an order has one per kind). */
    private static String balance(Reply ledger, String kind) {
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode posting : ledger.json().get("postings")) {
            for (JsonNode entry : posting.get("entries")) {
                sums.merge(entry.get("account").get("kind").asText(), entry.get("amount").get("minor").asLong(), Long::sum);
            }
        }
        long minor = sums.getOrDefault(kind, 0L);
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }
}

package org.souk.payout.banktransfer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.souk.common.api.Money;
import org.souk.ledger.api.payout.PayoutRequest;
import org.souk.ledger.api.payout.PayoutResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class BankTransferPayoutsTest {

    private static final String NS = Pain001.NAMESPACE;
    private static final String DEBTOR = "MA20011810000000123456789012";
    private static final String W1 = "6f1c2b8e-4d3a-4c5b-9e7f-0a1b2c3d4e5f";
    private static final String W2 = "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70";
    private static final Clock MAY_14 = Clock.fixed(Instant.parse("2026-05-14T09:30:15.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private BankTransferPayouts payouts(Clock clock) {
        return new BankTransferPayouts(dir, "MA20 0118 1000 0000 1234 5678 9012", "Souk Escrow SARL", clock);
    }

    private static PayoutRequest request(String id, String amount, String iban, String holder) {
        return new PayoutRequest(id, "nadia", Money.parse(amount, "MAD"), Map.of("iban", iban, "holder", holder));
    }

    private List<Path> files(Path in) throws Exception {
        try (Stream<Path> s = Files.list(in)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        try (InputStream in = Files.newInputStream(file)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static String text(Document doc, String name, int index) {
        return doc.getElementsByTagNameNS(NS, name).item(index).getTextContent();
    }

    @Test
    void aPayoutJoinsTheDaysPain001BatchWithItsHeaderAndControlSum() throws Exception {
        BankTransferPayouts payouts = payouts(MAY_14);
        PayoutResult first = payouts.pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali"));
        assertThat(first.status()).isEqualTo(PayoutResult.Status.PENDING);
        assertThat(first.reference()).isEqualTo(W1);
        payouts.pay(request(W2, "80.50", "BE68539007547034", "Dupont & Fils <SARL>"));

        assertThat(files(dir)).extracting(p -> p.getFileName().toString()).containsExactly("payouts-2026-05-14.xml");
        Document doc = xml(dir.resolve("payouts-2026-05-14.xml"));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03");
        assertThat(text(doc, "MsgId", 0)).isEqualTo("SOUK-PAYOUTS-2026-05-14");
        assertThat(text(doc, "CreDtTm", 0)).isEqualTo("2026-05-14T09:30:15");
        // GrpHdr and PmtInf both count the transactions and sum them
        assertThat(text(doc, "NbOfTxs", 0)).isEqualTo("2");
        assertThat(text(doc, "NbOfTxs", 1)).isEqualTo("2");
        assertThat(text(doc, "CtrlSum", 0)).isEqualTo("200.50");
        assertThat(text(doc, "CtrlSum", 1)).isEqualTo("200.50");
        assertThat(doc.getElementsByTagNameNS(NS, "PmtInf").getLength()).isEqualTo(1);
        assertThat(text(doc, "PmtMtd", 0)).isEqualTo("TRF");
        assertThat(text(doc, "ReqdExctnDt", 0)).isEqualTo("2026-05-14");
        Element debtor = (Element) doc.getElementsByTagNameNS(NS, "DbtrAcct").item(0);
        assertThat(debtor.getElementsByTagNameNS(NS, "IBAN").item(0).getTextContent()).isEqualTo(DEBTOR);
        assertThat(((Element) doc.getElementsByTagNameNS(NS, "Dbtr").item(0)).getTextContent().trim()).isEqualTo("Souk Escrow SARL");

        assertThat(doc.getElementsByTagNameNS(NS, "CdtTrfTxInf").getLength()).isEqualTo(2);
        Element tx = (Element) doc.getElementsByTagNameNS(NS, "CdtTrfTxInf").item(1);
        assertThat(tx.getElementsByTagNameNS(NS, "EndToEndId").item(0).getTextContent()).isEqualTo(W2.replace("-", "")).hasSize(32);
        Element amount = (Element) tx.getElementsByTagNameNS(NS, "InstdAmt").item(0);
        assertThat(amount.getAttribute("Ccy")).isEqualTo("MAD");
        assertThat(amount.getTextContent()).isEqualTo("80.50");
        assertThat(((Element) tx.getElementsByTagNameNS(NS, "Cdtr").item(0)).getTextContent().trim()).isEqualTo("Dupont & Fils <SARL>");
        assertThat(((Element) tx.getElementsByTagNameNS(NS, "CdtrAcct").item(0)).getTextContent().trim()).isEqualTo("BE68539007547034");
        assertThat(tx.getElementsByTagNameNS(NS, "Ustrd").item(0).getTextContent()).isEqualTo("Souk withdrawal " + W2);

        // The control sum is the sum of the transfers, and what the file says is what Pain001 reads.
        Pain001 read;
        try (InputStream in = Files.newInputStream(dir.resolve("payouts-2026-05-14.xml"))) {
            read = Pain001.parse(in);
        }
        assertThat(read.transfers()).hasSize(2);
        assertThat(read.controlSum()).isEqualByComparingTo("200.50");
        assertThat(read.debtorIban()).isEqualTo(DEBTOR);
    }

    @Test
    void aRepeatAddsNoSecondLineEvenAfterARestart() throws Exception {
        PayoutRequest request = request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali");
        assertThat(payouts(MAY_14).pay(request).status()).isEqualTo(PayoutResult.Status.PENDING);
        assertThat(payouts(MAY_14).pay(request).status()).isEqualTo(PayoutResult.Status.PENDING);
        // Another day, another instance: still the first batch's line.
        BankTransferPayouts restarted = payouts(Clock.offset(MAY_14, java.time.Duration.ofDays(1)));
        assertThat(restarted.pay(request).reference()).isEqualTo(W1);
        assertThat(files(dir)).hasSize(1);
        String content = Files.readString(dir.resolve("payouts-2026-05-14.xml"), StandardCharsets.UTF_8);
        assertThat(content.split("<CdtTrfTxInf>", -1)).hasSize(2);
        assertThat(content).contains("<NbOfTxs>1</NbOfTxs>", "<CtrlSum>120.00</CtrlSum>");
    }

    @Test
    void aBatchMovedToSentIsPaidAndOneListedAsRejectedFails() throws Exception {
        BankTransferPayouts payouts = payouts(MAY_14);
        payouts.pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali"));
        payouts.pay(request(W2, "300.00", "DE89370400440532013000", "Jonas Weber"));
        assertThat(payouts.status(W1).status()).isEqualTo(PayoutResult.Status.PENDING);
        assertThat(payouts.status("unknown").status()).isEqualTo(PayoutResult.Status.PENDING);

        // The bank refused one transfer of the batch; the operator lists it, then marks the batch sent.
        Files.writeString(dir.resolve("rejected.txt"), "# refused by the bank on 2026-05-15\n" + W2 + " account closed\n");
        Files.move(dir.resolve("payouts-2026-05-14.xml"), dir.resolve("sent/payouts-2026-05-14.xml"));
        PayoutResult paid = payouts.status(W1);
        assertThat(paid.status()).isEqualTo(PayoutResult.Status.PAID);
        assertThat(paid.reference()).isEqualTo("SOUK-PAYOUTS-2026-05-14/" + W1.replace("-", ""));
        PayoutResult failed = payouts.status(W2);
        assertThat(failed.status()).isEqualTo(PayoutResult.Status.FAILED);
        assertThat(failed.message()).isEqualTo("account closed");
        // A repeat of a settled payout answers its state and writes nothing.
        assertThat(payouts.pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali")).status())
                .isEqualTo(PayoutResult.Status.PAID);

        // Later the same day: a new batch, named apart from the one sent.
        payouts.pay(request("w3", "150.00", "NL91ABNA0417164300", "Sanne de Vries"));
        assertThat(files(dir)).extracting(p -> p.getFileName().toString()).containsExactly("payouts-2026-05-14-2.xml");
        assertThat(Files.readString(dir.resolve("payouts-2026-05-14-2.xml"))).contains("<MsgId>SOUK-PAYOUTS-2026-05-14-2</MsgId>",
                "<EndToEndId>w3</EndToEndId>", "<NbOfTxs>1</NbOfTxs>");
    }

    @Test
    void aRequestWithoutADestinationFailsAndTheConfigurationNeedsADebtor() {
        PayoutResult failed = payouts(MAY_14).pay(new PayoutRequest(W1, "nadia", Money.parse("100.00", "MAD"), Map.of()));
        assertThat(failed.status()).isEqualTo(PayoutResult.Status.FAILED);
        assertThatThrownBy(() -> new BankTransferPayouts(dir, " ", "Souk", MAY_14)).hasMessageContaining("debtor.iban");
        assertThat(BankTransferPayouts.directory("").getFileName()).isEqualTo(Path.of("payouts"));
        assertThat(BankTransferPayouts.directory("/srv/payouts")).isEqualTo(Path.of("/srv/payouts"));
    }

    @Test
    void twoNodesSharingTheDirectoryLoseNoTransferAndAddNoneTwice() throws Exception {
        BankTransferPayouts node1 = payouts(MAY_14);
        BankTransferPayouts node2 = payouts(MAY_14);
        List<Callable<PayoutResult>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BankTransferPayouts node = i % 2 == 0 ? node1 : node2;
            PayoutRequest request = i % 4 == 0 ? request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali")
                    : request("w" + i, "10.00", "BE68539007547034", "Holder " + i);
            calls.add(() -> node.pay(request));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<PayoutResult> f : pool.invokeAll(calls)) {
                assertThat(f.get().status()).isEqualTo(PayoutResult.Status.PENDING);
            }
        } finally {
            pool.shutdownNow();
        }
        Pain001 batch;
        try (InputStream in = Files.newInputStream(dir.resolve("payouts-2026-05-14.xml"))) {
            batch = Pain001.parse(in);
        }
        // 30 distinct withdrawals and W1 once.
        assertThat(batch.transfers()).hasSize(31);
        assertThat(batch.transfers()).filteredOn(t -> t.endToEndId().equals(Pain001.endToEndId(W1))).hasSize(1);
        assertThat(batch.controlSum()).isEqualByComparingTo("420.00");
        assertThat(Files.exists(dir.resolve(BatchFolder.LOCK))).isTrue();
    }

    @Test
    void aSentBatchEditedAfterItWasSealedMarksNothing() throws Exception {
        BankTransferPayouts payouts = payouts(MAY_14);
        payouts.pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali"));
        payouts.pay(request(W2, "300.00", "DE89370400440532013000", "Jonas Weber"));
        Path sent = dir.resolve("sent/payouts-2026-05-14.xml");
        Files.move(dir.resolve("payouts-2026-05-14.xml"), sent);
        // Someone takes W2's transfer out of the sent file by hand; the header still says two for 420.00.
        String content = Files.readString(sent);
        int second = content.indexOf("<CdtTrfTxInf>", content.indexOf("<CdtTrfTxInf>") + 1);
        String edited = content.substring(0, content.lastIndexOf("      <CdtTrfTxInf>"))
                + content.substring(content.indexOf("</CdtTrfTxInf>", second) + "</CdtTrfTxInf>\n".length());
        Files.writeString(sent, edited);
        Files.writeString(dir.resolve("rejected.txt"), W1 + " account closed\n");

        assertThat(payouts.status(W1).status()).isEqualTo(PayoutResult.Status.PENDING);
        assertThat(payouts.status(W1).message()).contains("does not match its totals");
        // Nor is W1 written anew: it is in a sent batch, held.
        assertThat(payouts.pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali")).status())
                .isEqualTo(PayoutResult.Status.PENDING);
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void rejectedTxtIsHonouredOnlyForTransfersInASentBatch() throws Exception {
        BankTransferPayouts payouts = payouts(MAY_14);
        Files.writeString(dir.resolve("rejected.txt"), W1 + " account closed\n" + W2 + " typo\n");
        // W2 listed before it was ever paid: it is paid into the batch all the same.
        assertThat(payouts.pay(request(W2, "300.00", "DE89370400440532013000", "Jonas Weber")).status())
                .isEqualTo(PayoutResult.Status.PENDING);
        payouts.pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali"));
        // Still in the open batch: not sent, so not rejected either.
        assertThat(payouts.status(W1).status()).isEqualTo(PayoutResult.Status.PENDING);
        assertThat(Files.readString(dir.resolve("payouts-2026-05-14.xml"))).contains("<NbOfTxs>2</NbOfTxs>");
        Files.move(dir.resolve("payouts-2026-05-14.xml"), dir.resolve("sent/payouts-2026-05-14.xml"));
        assertThat(payouts.status(W1).status()).isEqualTo(PayoutResult.Status.FAILED);
    }

    @Test
    void aBatchThatCannotBeReadIsNeverOverwritten() throws Exception {
        Files.writeString(dir.resolve("payouts-2026-05-14.xml"), "<Document>half a batch");
        assertThatThrownBy(() -> payouts(MAY_14).pay(request(W1, "120.00", "FR1420041010050500013M02606", "Nadia Benali")))
                .hasMessageContaining("cannot be read");
        assertThat(Files.readString(dir.resolve("payouts-2026-05-14.xml"))).isEqualTo("<Document>half a batch");
    }

    @Test
    void endToEndIdsFitThirtyFiveCharacters() {
        assertThat(Pain001.endToEndId("w-1")).isEqualTo("w-1");
        assertThat(Pain001.endToEndId(W1)).isEqualTo("6f1c2b8e4d3a4c5b9e7f0a1b2c3d4e5f");
        assertThat(Pain001.endToEndId("x".repeat(40))).hasSize(35);
    }
}

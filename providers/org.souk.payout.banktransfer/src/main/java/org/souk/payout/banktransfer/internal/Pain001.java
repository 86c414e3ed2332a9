package org.souk.payout.banktransfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One batch of credit transfers as an ISO 20022 customer credit transfer initiation, {@code pain.001.001.03}:
 * a group header (message id, creation time, number of transactions, control sum), one payment information
 * block paying from the debtor's account on the execution date, and one credit transfer per payout. Written by
 * hand, element by element, and read back with the JDK's own parser.
 */
record Pain001(String messageId, LocalDateTime createdAt, LocalDate executionDate, String debtorName, String debtorIban,
        List<Transfer> transfers) {

    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    /** Max35Text: the longest message, payment information and end-to-end id the message takes. */
    static final int MAX_ID = 35;

    /**
     * One credit transfer.
     *
     * @param endToEndId the withdrawal id, as {@link #endToEndId} fits it into 35 characters
     * @param remittance the line the freelancer reads on their statement; names the whole withdrawal id
     */
    record Transfer(String endToEndId, BigDecimal amount, String currency, String creditorName, String creditorIban,
            String remittance) {
    }

    Pain001 {
        transfers = List.copyOf(transfers);
    }

    Pain001 with(Transfer transfer) {
        List<Transfer> more = new ArrayList<>(transfers);
        more.add(transfer);
        return new Pain001(messageId, createdAt, executionDate, debtorName, debtorIban, more);
    }

    /** The sum of the amounts, as NbOfTxs' companion CtrlSum (whatever their currencies, as ISO 20022 has it). */
    BigDecimal controlSum() {
        return transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    boolean contains(String endToEndId) {
        return transfers.stream().anyMatch(t -> t.endToEndId().equals(endToEndId));
    }

    /**
     * The end-to-end id of a withdrawal: its id, without its hyphens when longer than 35 characters (a UUID has
     * 36), and its last 35 characters if still longer.
     */
    static String endToEndId(String withdrawalId) {
        String id = withdrawalId.length() <= MAX_ID ? withdrawalId : withdrawalId.replace("-", "");
        return id.length() <= MAX_ID ? id : id.substring(id.length() - MAX_ID);
    }

    String toXml() {
        StringBuilder x = new StringBuilder(1024 + transfers.size() * 640);
        String sum = controlSum().toPlainString();
        String count = String.valueOf(transfers.size());
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<Document xmlns=\"").append(NAMESPACE).append("\">\n");
        x.append("  <CstmrCdtTrfInitn>\n");
        x.append("    <GrpHdr>\n");
        element(x, 6, "MsgId", messageId);
        element(x, 6, "CreDtTm", createdAt.toString());
        element(x, 6, "NbOfTxs", count);
        element(x, 6, "CtrlSum", sum);
        x.append("      <InitgPty>\n");
        element(x, 8, "Nm", debtorName);
        x.append("      </InitgPty>\n");
        x.append("    </GrpHdr>\n");
        x.append("    <PmtInf>\n");
        element(x, 6, "PmtInfId", messageId);
        element(x, 6, "PmtMtd", "TRF");
        element(x, 6, "NbOfTxs", count);
        element(x, 6, "CtrlSum", sum);
        element(x, 6, "ReqdExctnDt", executionDate.toString());
        x.append("      <Dbtr>\n");
        element(x, 8, "Nm", debtorName);
        x.append("      </Dbtr>\n");
        x.append("      <DbtrAcct>\n        <Id>\n");
        element(x, 10, "IBAN", debtorIban);
        x.append("        </Id>\n      </DbtrAcct>\n");
        x.append("      <DbtrAgt>\n        <FinInstnId>\n          <Othr>\n");
        element(x, 12, "Id", "NOTPROVIDED");
        x.append("          </Othr>\n        </FinInstnId>\n      </DbtrAgt>\n");
        for (Transfer t : transfers) {
            x.append("      <CdtTrfTxInf>\n");
            x.append("        <PmtId>\n");
            element(x, 10, "EndToEndId", t.endToEndId());
            x.append("        </PmtId>\n");
            x.append("        <Amt>\n");
            x.append("          <InstdAmt Ccy=\"").append(escape(t.currency())).append("\">")
                    .append(t.amount().toPlainString()).append("</InstdAmt>\n");
            x.append("        </Amt>\n");
            x.append("        <Cdtr>\n");
            element(x, 10, "Nm", t.creditorName());
            x.append("        </Cdtr>\n");
            x.append("        <CdtrAcct>\n          <Id>\n");
            element(x, 12, "IBAN", t.creditorIban());
            x.append("          </Id>\n        </CdtrAcct>\n");
            x.append("        <RmtInf>\n");
            element(x, 10, "Ustrd", t.remittance());
            x.append("        </RmtInf>\n");
            x.append("      </CdtTrfTxInf>\n");
        }
        x.append("    </PmtInf>\n");
        x.append("  </CstmrCdtTrfInitn>\n");
        x.append("</Document>\n");
        return x.toString();
    }

    private static void element(StringBuilder x, int indent, String name, String text) {
        x.append(" ".repeat(indent)).append('<').append(name).append('>').append(escape(text)).append("</").append(name)
                .append(">\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** Reads a batch this class wrote (or one an operator edited by hand, within the same elements). */
    static Pain001 parse(InputStream in) throws IOException {
        return parse(document(in));
    }

    /**
     * Why a batch's own totals ({@code NbOfTxs} and {@code CtrlSum} of its group header and of its payment
     * information) disagree with the transfers it holds, or null if they agree: a batch edited after it was
     * sealed (a transfer removed or added by hand) says so.
     */
    static String totalsMismatch(InputStream in) throws IOException {
        Element root = document(in);
        Pain001 batch = parse(root);
        String count = String.valueOf(batch.transfers().size());
        BigDecimal sum = batch.controlSum();
        for (String block : List.of("GrpHdr", "PmtInf")) {
            Element e = child(child(root, "CstmrCdtTrfInitn"), block);
            String declaredCount = text(child(e, "NbOfTxs"));
            BigDecimal declaredSum;
            try {
                declaredSum = new BigDecimal(text(child(e, "CtrlSum")));
            } catch (NumberFormatException notANumber) {
                return block + "/CtrlSum is no number";
            }
            if (!declaredCount.equals(count) || declaredSum.compareTo(sum) != 0) {
                return block + " says " + declaredCount + " transfer(s) for " + declaredSum.toPlainString()
                        + ", the file holds " + count + " for " + sum.toPlainString();
            }
        }
        return null;
    }

    private static Element document(InputStream in) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            doc = builder.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a pain.001 batch: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"Document".equals(root.getLocalName())) {
            throw new IOException("not a pain.001.001.03 document: " + root.getNamespaceURI() + " " + root.getLocalName());
        }
        return root;
    }

    private static Pain001 parse(Element root) throws IOException {
        Element header = child(child(root, "CstmrCdtTrfInitn"), "GrpHdr");
        Element info = child(child(root, "CstmrCdtTrfInitn"), "PmtInf");
        List<Transfer> transfers = new ArrayList<>();
        for (Element tx : children(info, "CdtTrfTxInf")) {
            Element amount = child(child(tx, "Amt"), "InstdAmt");
            BigDecimal value;
            try {
                value = new BigDecimal(text(amount));
            } catch (NumberFormatException notANumber) {
                throw new IOException("an InstdAmt is no number: " + text(amount));
            }
            transfers.add(new Transfer(text(child(child(tx, "PmtId"), "EndToEndId")), value,
                    amount.getAttribute("Ccy"), text(child(child(tx, "Cdtr"), "Nm")),
                    text(child(child(child(tx, "CdtrAcct"), "Id"), "IBAN")), optionalText(child(tx, "RmtInf"), "Ustrd")));
        }
        return new Pain001(text(child(header, "MsgId")), LocalDateTime.parse(text(child(header, "CreDtTm"))),
                LocalDate.parse(text(child(info, "ReqdExctnDt"))), text(child(child(info, "Dbtr"), "Nm")),
                text(child(child(child(info, "DbtrAcct"), "Id"), "IBAN")), transfers);
    }

    static Element child(Element parent, String name) throws IOException {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            throw new IOException("no " + name + " in " + parent.getLocalName());
        }
        return found.get(0);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName()) && NAMESPACE.equals(e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Element e) {
        return e.getTextContent().trim();
    }

    private static String optionalText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : text(found.get(0));
    }
}

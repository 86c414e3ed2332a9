package org.souk.notification.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.souk.notification.api.NotificationType;
import org.souk.notification.spi.OutgoingNotification;

class EmailTemplatesTest {

    private static final Locale ARABIC = Locale.forLanguageTag("ar-MA");
    private static final Map<String, String> ALL_VALUES = Map.of("gigTitle", "Logo design", "amount", "250.00 MAD",
            "reason", "changed my mind", "dueAt", "2026-03-01T10:00:00Z", "toStatus", "COMPLETED", "toStage", "DELIVERED",
            "requestStatus", "ACCEPTED");

    private final EmailTemplates templates = EmailTemplates.load();

    private static OutgoingNotification notification(NotificationType type, Map<String, String> data) {
        return new OutgoingNotification("n-1", type.id(), "order-42", "English title", "English body.", data,
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void everyTypeRendersInEveryLanguageWithOrWithoutItsValues() {
        for (NotificationType type : NotificationType.values()) {
            assertThat(templates.knows(type.id())).as("templates for %s in en, fr and ar", type.id()).isTrue();
            for (String language : EmailTemplates.LANGUAGES) {
                for (Map<String, String> data : java.util.List.of(ALL_VALUES, Map.<String, String>of())) {
                    RenderedEmail email = templates.render(notification(type, data), Locale.forLanguageTag(language));
                    String what = type.id() + " in " + language + " with " + data.size() + " values";
                    assertThat(email.language()).isEqualTo(language);
                    assertThat(email.subject()).as(what).isNotBlank().doesNotContain("{", "}", "[[", "]]", "\n");
                    assertThat(email.text()).as(what).doesNotContain("{", "}", "[[", "]]").contains("order-42");
                    assertThat(email.html()).as(what).doesNotContain("{", "}", "[[", "]]")
                            .contains("lang=\"" + language + "\"");
                }
            }
        }
    }

    @Test
    void theThreeLanguagesHaveTheSameKeys() throws IOException {
        Properties english = read("en");
        for (String language : new String[] {"fr", "ar"}) {
            assertThat(read(language).stringPropertyNames()).as(language)
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        }
    }

    @Test
    void arabicIsRightToLeftAndTheOthersLeftToRight() {
        RenderedEmail ar = templates.render(notification(NotificationType.PAYMENT_CONFIRMED, ALL_VALUES), ARABIC);
        assertThat(ar.html()).contains("<html lang=\"ar\" dir=\"rtl\">").contains("text-align: right");
        assertThat(ar.subject()).isEqualTo("تم تأكيد الدفع: Logo design");
        RenderedEmail fr = templates.render(notification(NotificationType.PAYMENT_CONFIRMED, ALL_VALUES), Locale.FRENCH);
        assertThat(fr.html()).contains("<html lang=\"fr\" dir=\"ltr\">");
        assertThat(fr.subject()).isEqualTo("Paiement confirmé : Logo design");
        assertThat(fr.text()).contains("Votre paiement de 250.00 MAD pour « Logo design » a bien été reçu.");
    }

    @Test
    void valuesAreEscapedInHtmlAndKeptOnOneLineInTheSubject() {
        RenderedEmail email = templates.render(notification(NotificationType.NEW_ORDER,
                Map.of("gigTitle", "<script>alert('x')</script> & \"co\"\r\nBcc: evil@example.com")), Locale.ENGLISH);
        assertThat(email.html()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;");
        assertThat(email.subject()).doesNotContain("\r", "\n").startsWith("New order: <script>");
        assertThat(email.text()).contains("\"<script>alert('x')</script> & \"co\"  Bcc: evil@example.com\"");
    }

    @Test
    void knownValuesAreTranslatedAndMissingOnesLeaveTheirPartOut() {
        RenderedEmail fr = templates.render(notification(NotificationType.ORDER_STATUS_CHANGED,
                Map.of("gigTitle", "Logo", "toStatus", "CANCELLED")), Locale.FRENCH);
        assertThat(fr.text()).contains("Votre commande « Logo » a changé : elle est maintenant annulée.");
        RenderedEmail bare = templates.render(notification(NotificationType.REFUND, Map.of()), Locale.ENGLISH);
        assertThat(bare.subject()).isEqualTo("Refund sent");
        assertThat(bare.text()).contains("We refunded. Depending on your bank");
    }

    @Test
    void anOpenCancellationRequestStatesTheRefundAndWhatSilenceDoes() {
        Map<String, String> accepting = Map.of("gigTitle", "Logo", "requestStatus", "OPEN", "refund", "150.00 MAD",
                "answerBy", "2026-03-04T10:00:00Z", "onSilence", "ACCEPT", "reason", "We found another logo");
        RenderedEmail en = templates.render(notification(NotificationType.CANCELLATION_REQUEST, accepting), Locale.ENGLISH);
        assertThat(en.text()).contains("A request to cancel the order \"Logo\" concerns you (request open). Refund "
                + "proposed to the client: 150.00 MAD. Answer it in the app by 2026-03-04T10:00:00Z: if you do not, the "
                + "request is accepted automatically and the proposed refund goes back to the client. Their reason: We "
                + "found another logo");
        Map<String, String> expiring = new java.util.HashMap<>(accepting);
        expiring.put("onSilence", "EXPIRE");
        RenderedEmail fr = templates.render(notification(NotificationType.CANCELLATION_REQUEST, expiring), Locale.FRENCH);
        assertThat(fr.text()).contains("Remboursement proposé au client : 150.00 MAD.")
                .contains("sans réponse de votre part, la demande expirera et la commande se poursuivra telle quelle.")
                .doesNotContain("automatiquement");
        RenderedEmail ar = templates.render(notification(NotificationType.CANCELLATION_REQUEST, expiring), ARABIC);
        assertThat(ar.text()).contains("150.00 MAD").contains("تنقضي صلاحية طلب الإلغاء");
        // Told of an expiry, nobody is asked to answer any more.
        RenderedEmail expired = templates.render(notification(NotificationType.CANCELLATION_REQUEST,
                Map.of("gigTitle", "Logo", "requestStatus", "EXPIRED", "refund", "150.00 MAD")), Locale.ENGLISH);
        assertThat(expired.text()).contains("(request expired unanswered; the order goes on)").doesNotContain("Answer it");
        RenderedEmail asker = templates.render(notification(NotificationType.CANCELLATION_ANSWER,
                Map.of("gigTitle", "Logo", "requestStatus", "EXPIRED")), Locale.FRENCH);
        assertThat(asker.text()).contains("est close : expirée sans réponse ; la commande se poursuit.");
    }

    @Test
    void aDisputeSaysWhatHappensAndADecisionIsPutInWords() {
        RenderedEmail opened = templates.render(notification(NotificationType.DISPUTE, Map.of("gigTitle", "Logo",
                "disputeStatus", "OPEN", "reason", "Not what we agreed", "openerReason", "Not what we agreed")), Locale.ENGLISH);
        assertThat(opened.subject()).isEqualTo("Dispute on your order: Logo");
        assertThat(opened.text()).contains("Until then the order's timers are stopped; you may add your statement as a "
                + "message on the order. Their reason: Not what we agreed").doesNotContain("administrator's note");
        RenderedEmail cancelled = templates.render(notification(NotificationType.DISPUTE, Map.of("gigTitle", "Logo",
                "disputeStatus", "RESOLVED", "decision", "CANCEL", "refund", "100.00 MAD", "reason", "Half was usable",
                "adminNote", "Half was usable")), Locale.FRENCH);
        assertThat(cancelled.text()).contains("Un litige sur la commande « Logo » vous concerne : un administrateur l'a "
                + "tranché. Décision : la commande est annulée. Remboursement au client : 100.00 MAD. Note de "
                + "l'administrateur : Half was usable").doesNotContain("autre partie");
        RenderedEmail carryOn = templates.render(notification(NotificationType.DISPUTE, Map.of("disputeStatus", "RESOLVED",
                "decision", "CONTINUE", "dueAt", "2026-03-11T09:30:00Z")), ARABIC);
        assertThat(carryOn.text()).contains("القرار: يستمر العمل.").contains("موعد التسليم الجديد: 2026-03-11T09:30:00Z.");
    }

    @Test
    void anyOtherLanguageIsEnglishAndAnUnknownTypeUsesThePlatformsWords() {
        assertThat(templates.render(notification(NotificationType.DELIVERY, ALL_VALUES), Locale.GERMAN).language())
                .isEqualTo("en");
        OutgoingNotification future = new OutgoingNotification("n-2", "some_future_type", null, "Title", "Body.",
                Map.of(), Instant.EPOCH);
        RenderedEmail email = templates.render(future, Locale.FRENCH);
        assertThat(email.subject()).isEqualTo("Title");
        assertThat(email.text()).contains("Body.");
    }

    private static Properties read(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream("templates/" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}

package org.souk.notification.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.DeliveryResult.Outcome;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** The channel against a real SMTP server (GreenMail) on a free port: the message as received. */
class EmailChannelTest {

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private EmailSettings settings(int port) {
        return new EmailSettings("127.0.0.1", port, EmailSettings.Security.NONE, "", "", "notifications@souk.example",
                "Souk", 2_000, 2_000);
    }

    private EmailChannel channel(int port) {
        return new EmailChannel(settings(port), EmailTemplates.load(), MailClassLoader.forAngus());
    }

    private static OutgoingNotification newOrder(String id) {
        return new OutgoingNotification(id, "new_order", "order-42", "New order: Logo", "A client paid.",
                Map.of("gigTitle", "Logo <b>bold</b>", "amount", "250.00 MAD"), Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void aFrenchUserReceivesTextAndHtmlInFrench() throws Exception {
        DeliveryResult result = channel(smtp.getSmtp().getPort())
                .deliver(new Recipient("u-fr", Locale.FRENCH, "claire@example.fr"), newOrder("n-1"));

        assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("claire@example.fr");
        assertThat(m.getFrom()[0].toString()).isEqualTo("Souk <notifications@souk.example>");
        assertThat(m.getSubject()).isEqualTo("Nouvelle commande : Logo <b>bold</b>");
        assertThat(m.getHeader("Content-Language")[0]).isEqualTo("fr");
        assertThat(m.getMessageID()).isEqualTo(new SmtpMailer(settings(1)).messageId("n-1"));
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Un client a commandé « Logo <b>bold</b> »");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<html lang=\"fr\" dir=\"ltr\">")
                .contains("« Logo &lt;b&gt;bold&lt;/b&gt; »");
    }

    @Test
    void theConfirmationOfANewAddressCarriesItsTokenAndTheConfiguredPublicUrl() throws Exception {
        EmailChannel channel = new EmailChannel(settings(smtp.getSmtp().getPort()), EmailTemplates.load(),
                MailClassLoader.forAngus(), "https://souk.example/");
        DeliveryResult result = channel.deliver(new Recipient("u-1", Locale.ENGLISH, "nadia@example.com"),
                new OutgoingNotification("n-9", "email_change_confirmation", null, "Confirm", "Confirm.",
                        Map.of("token", "AbC-123_xyz", "expiresAt", "2026-03-02T10:00:00Z"), Instant.parse("2026-03-01T10:00:00Z")));

        assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("nadia@example.com");
        assertThat(m.getSubject()).isEqualTo("Confirm your new email address");
        assertThat((String) ((Multipart) m.getContent()).getBodyPart(0).getContent()).contains("AbC-123_xyz")
                .contains("https://souk.example/api/v1/me/email-confirmation").contains("2026-03-02T10:00:00Z");
        assertThat(EmailChannel.publicUrl(" ")).isEqualTo("http://localhost:8181");
    }

    @Test
    void anArabicUserReceivesRightToLeftHtmlAndARepeatHasTheSameMessageId() throws Exception {
        EmailChannel channel = channel(smtp.getSmtp().getPort());
        Recipient amina = new Recipient("u-ar", Locale.forLanguageTag("ar"), "amina@example.ma");
        assertThat(channel.deliver(amina, newOrder("n-2")).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(channel.deliver(amina, newOrder("n-2")).outcome()).isEqualTo(Outcome.DELIVERED);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("طلب جديد: Logo <b>bold</b>");
        assertThat(received[1].getMessageID()).isEqualTo(received[0].getMessageID());
        Multipart parts = (Multipart) received[0].getContent();
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<html lang=\"ar\" dir=\"rtl\">");
    }

    @Test
    void noAddressIsAPermanentFailureAndNothingIsSent() {
        DeliveryResult result = channel(smtp.getSmtp().getPort()).deliver(new Recipient("u-x", null, null), newOrder("n-3"));
        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsRetried() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DeliveryResult result = channel(closed).deliver(new Recipient("u-fr", Locale.FRENCH, "claire@example.fr"), newOrder("n-4"));
        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
    }
}

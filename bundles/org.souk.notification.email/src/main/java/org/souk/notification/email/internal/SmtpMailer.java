package org.souk.notification.email.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.souk.notification.spi.DeliveryResult;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Writes one email (multipart/alternative: text, then HTML) and hands it to the SMTP server, one connection per email. */
final class SmtpMailer {

    private final EmailSettings settings;

    SmtpMailer(EmailSettings settings) {
        this.settings = settings;
    }

    /** The Message-ID of a notification's email: the same on every attempt, so a repeat is recognisable. */
    String messageId(String notificationId) {
        String domain = settings.fromAddress().substring(settings.fromAddress().lastIndexOf('@') + 1);
        UUID id = UUID.nameUUIDFromBytes(("souk-notification:" + notificationId).getBytes(StandardCharsets.UTF_8));
        return "<" + id + ".notification@" + domain + ">";
    }

    DeliveryResult send(String to, RenderedEmail email, String notificationId) {
        try {
            InternetAddress recipient = new InternetAddress(to, true);
            Session session = Session.getInstance(properties());
            MimeMessage message = message(session, recipient, email, messageId(notificationId));
            Transport transport = transport(session);
            try {
                transport.connect(settings.host(), settings.port(), settings.authenticates() ? settings.user() : null,
                        settings.authenticates() ? settings.password() : null);
                transport.sendMessage(message, message.getAllRecipients());
            } finally {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the message was handed over (or not) before this
                }
            }
            return DeliveryResult.delivered();
        } catch (MessagingException e) {
            return SmtpOutcomes.of(e);
        }
    }

    MimeMessage message(Session session, InternetAddress recipient, RenderedEmail email, String messageId)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(settings.fromAddress(),
                    settings.fromName().isEmpty() ? null : settings.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(email.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Content-Language", email.language());
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private Transport transport(Session session) {
        // Made directly rather than looked up by protocol name: no provider registry to find in OSGi.
        boolean tls = settings.security() == EmailSettings.Security.TLS;
        URLName url = new URLName(tls ? "smtps" : "smtp", settings.host(), settings.port(), null, null, null);
        return tls ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
    }

    Properties properties() {
        boolean tls = settings.security() == EmailSettings.Security.TLS;
        String p = "mail." + (tls ? "smtps" : "smtp") + ".";
        Properties props = new Properties();
        props.put(p + "host", settings.host());
        props.put(p + "port", String.valueOf(settings.port()));
        props.put(p + "from", settings.fromAddress());
        props.put(p + "auth", String.valueOf(settings.authenticates()));
        props.put(p + "connectiontimeout", String.valueOf(settings.connectTimeoutMs()));
        props.put(p + "timeout", String.valueOf(settings.readTimeoutMs()));
        props.put(p + "writetimeout", String.valueOf(settings.readTimeoutMs()));
        if (settings.security() == EmailSettings.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (settings.security() != EmailSettings.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}

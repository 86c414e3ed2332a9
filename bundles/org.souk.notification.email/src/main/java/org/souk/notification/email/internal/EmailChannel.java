package org.souk.notification.email.internal;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.NotificationChannel;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;

/**
 * The email channel: the notification in the recipient's language (English, French or Arabic), as text and
 * HTML, to the address the platform knows for them. No address is a permanent failure; the SMTP server's
 * answer decides the rest ({@link SmtpOutcomes}).
 */
final class EmailChannel implements NotificationChannel {

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    static final String DEFAULT_PUBLIC_URL = "http://localhost:8181";
    /** The value templates name for the start of links: {@code {publicUrl}/api/v1/...}. */
    static final String PUBLIC_URL = "publicUrl";

    private final EmailTemplates templates;
    private final SmtpMailer mailer;
    private final MailClassLoader mail;
    private final String publicUrl;

    EmailChannel(EmailSettings settings, EmailTemplates templates, MailClassLoader mail) {
        this(settings, templates, mail, DEFAULT_PUBLIC_URL);
    }

    EmailChannel(EmailSettings settings, EmailTemplates templates, MailClassLoader mail, String publicUrl) {
        this.templates = templates;
        this.mailer = new SmtpMailer(settings);
        this.mail = mail;
        this.publicUrl = publicUrl(publicUrl);
    }

    /** The configured public URL without a trailing slash; the default when empty. */
    static String publicUrl(String configured) {
        String url = configured == null ? "" : configured.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url.isEmpty() ? DEFAULT_PUBLIC_URL : url;
    }

    @Override
    public String id() {
        return EMAIL;
    }

    @Override
    public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
        if (recipient.email() == null || recipient.email().isBlank()) {
            return DeliveryResult.failed("no email address is known for the user (token claim 'email' or PATCH /api/v1/me)");
        }
        Map<String, String> data = new HashMap<>(notification.data());
        data.put(PUBLIC_URL, publicUrl);
        OutgoingNotification withLinks = new OutgoingNotification(notification.id(), notification.type(),
                notification.orderId(), notification.title(), notification.body(), data, notification.createdAt());
        RenderedEmail email = templates.render(withLinks, recipient.locale());
        DeliveryResult result = mail.run(() -> mailer.send(recipient.email().trim(), email, notification.id()));
        if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
            LOG.debug("Email {} of notification {} to user {}: {}", result.outcome(), notification.id(),
                    recipient.userId(), result.detail());
        }
        return result;
    }
}

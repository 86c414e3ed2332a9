package org.souk.notification.email.internal;

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

    private final EmailTemplates templates;
    private final SmtpMailer mailer;
    private final MailClassLoader mail;

    EmailChannel(EmailSettings settings, EmailTemplates templates, MailClassLoader mail) {
        this.templates = templates;
        this.mailer = new SmtpMailer(settings);
        this.mail = mail;
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
        RenderedEmail email = templates.render(notification, recipient.locale());
        DeliveryResult result = mail.run(() -> mailer.send(recipient.email().trim(), email, notification.id()));
        if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
            LOG.debug("Email {} of notification {} to user {}: {}", result.outcome(), notification.id(),
                    recipient.userId(), result.detail());
        }
        return result;
    }
}

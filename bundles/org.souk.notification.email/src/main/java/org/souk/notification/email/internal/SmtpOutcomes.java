package org.souk.notification.email.internal;

import java.io.IOException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.souk.notification.spi.DeliveryResult;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

/**
 * What a failed send means for the delivery. The server's reply code decides when there is one: 4xx is a
 * temporary refusal (retry), 5xx a final one (the address does not exist, the message is refused: give up).
 * No reply code (connection refused, timeout, TLS or login trouble) is the platform's own problem, worth
 * retrying once it is mended; an address that cannot be written in a header is never deliverable. Pure.
 */
final class SmtpOutcomes {

    private SmtpOutcomes() {
    }

    static DeliveryResult of(Exception failure) {
        if (failure instanceof AddressException) {
            return DeliveryResult.failed("not an email address: " + failure.getMessage());
        }
        Integer code = replyCode(failure);
        if (code != null) {
            String detail = "SMTP " + code + ": " + firstLine(failure);
            return code >= 500 && code < 600 ? DeliveryResult.failed(detail) : DeliveryResult.retry(detail);
        }
        if (failure instanceof MailConnectException) {
            return DeliveryResult.retry("cannot connect to the SMTP server: " + firstLine(failure));
        }
        if (failure instanceof AuthenticationFailedException) {
            return DeliveryResult.retry("the SMTP server refused the login: check user and .password");
        }
        return DeliveryResult.retry(firstLine(failure));
    }

    /** The first SMTP reply code in the chain of failures (a refused recipient is nested in the send failure). */
    static Integer replyCode(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                // The send failure carries the last reply; a refused recipient's own code is nested below it.
                Integer nested = replyCode(s.getNextException());
                return nested != null ? nested : s.getReturnCode();
            }
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        return null;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName() + (t.getCause() instanceof IOException io ? ": " + io.getMessage() : "");
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}

package org.souk.notification.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.souk.notification.spi.DeliveryResult.Outcome;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

class SmtpOutcomesTest {

    private static InternetAddress to() throws AddressException {
        return new InternetAddress("amina@example.ma");
    }

    private static SMTPSendFailedException sendFailed(int code, MessagingException nested) throws AddressException {
        Address[] none = new Address[0];
        return new SMTPSendFailedException("DATA", code, code + " refused", nested, none, none, new Address[] {to()});
    }

    @Test
    void aRefusedRecipientIsFinalOn5xxAndRetriedOn4xx() throws Exception {
        SMTPAddressFailedException unknownUser = new SMTPAddressFailedException(to(), "RCPT TO", 550, "550 5.1.1 no such user");
        assertThat(SmtpOutcomes.of(sendFailed(503, unknownUser)).outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
        assertThat(SmtpOutcomes.of(sendFailed(503, unknownUser)).detail()).startsWith("SMTP 550");

        SMTPAddressFailedException greylisted = new SMTPAddressFailedException(to(), "RCPT TO", 451, "451 4.7.1 try later");
        assertThat(SmtpOutcomes.of(sendFailed(451, greylisted)).outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void theMessagesOwnRefusalCountsWhenNoRecipientWasRefused() throws Exception {
        assertThat(SmtpOutcomes.of(sendFailed(552, null)).outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
        assertThat(SmtpOutcomes.of(sendFailed(421, null)).outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void connectionLoginAndUnknownTroubleAreRetriedAndABadAddressIsFinal() {
        MailConnectException refused = new MailConnectException(
                new SocketConnectException("connect failed", new ConnectException("Connection refused"), "mail", 25, 1000));
        assertThat(SmtpOutcomes.of(refused).outcome()).isEqualTo(Outcome.RETRY);
        assertThat(SmtpOutcomes.of(new AuthenticationFailedException("535 bad credentials")).outcome()).isEqualTo(Outcome.RETRY);
        assertThat(SmtpOutcomes.of(new MessagingException("timeout")).outcome()).isEqualTo(Outcome.RETRY);
        assertThat(SmtpOutcomes.of(new AddressException("Illegal address", "a b@c")).outcome())
                .isEqualTo(Outcome.PERMANENT_FAILURE);
    }
}

package org.souk.notification.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class EmailSettingsTest {

    private static EmailConfig config(String host, String security, String from) {
        return new EmailConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmailConfig.class;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return 465;
            }

            @Override
            public String security() {
                return security;
            }

            @Override
            public String user() {
                return " mailer ";
            }

            @Override
            public String _password() {
                return "secret";
            }

            @Override
            public String from_address() {
                return from;
            }

            @Override
            public String from_name() {
                return "Souk";
            }

            @Override
            public int connect_timeout_ms() {
                return 5000;
            }

            @Override
            public int read_timeout_ms() {
                return 0;
            }

            @Override
            public String public_url() {
                return "https://souk.example/";
            }
        };
    }

    @Test
    void noHostMeansEmailIsOff() {
        assertThat(EmailSettings.of(config(" ", "starttls", "n@souk.example"))).isNull();
    }

    @Test
    void readsTheSecurityModeAndNeverPrintsThePassword() {
        EmailSettings s = EmailSettings.of(config("smtp.example.com", " TLS ", "n@souk.example"));
        assertThat(s.security()).isEqualTo(EmailSettings.Security.TLS);
        assertThat(s.user()).isEqualTo("mailer");
        assertThat(s.authenticates()).isTrue();
        assertThat(s.readTimeoutMs()).isEqualTo(1);
        assertThat(s.toString()).contains("smtp.example.com:465").doesNotContain("secret");
        assertThat(new SmtpMailer(s).properties()).containsEntry("mail.smtps.auth", "true")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true").doesNotContainKey("mail.smtp.starttls.enable");
        EmailSettings starttls = EmailSettings.of(config("smtp.example.com", "starttls", "n@souk.example"));
        assertThat(new SmtpMailer(starttls).properties()).containsEntry("mail.smtp.starttls.required", "true");
    }

    @Test
    void refusesAnUnknownSecurityModeOrNoSender() {
        assertThatThrownBy(() -> EmailSettings.of(config("smtp.example.com", "ssl", "n@souk.example")))
                .hasMessageContaining("none, starttls or tls");
        assertThatThrownBy(() -> EmailSettings.of(config("smtp.example.com", "none", "")))
                .hasMessageContaining("from.address");
    }
}

package org.souk.notification.email.internal;

import java.util.Locale;

/** The configuration as checked values. */
record EmailSettings(String host, int port, Security security, String user, String password, String fromAddress,
        String fromName, int connectTimeoutMs, int readTimeoutMs) {

    enum Security {
        /** Plain SMTP (a local relay, a test server). */
        NONE,
        /** SMTP upgraded with STARTTLS, refused by the channel if the server does not offer it. */
        STARTTLS,
        /** SMTP inside TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    /** The settings, or null when email is off (no host). */
    static EmailSettings of(EmailConfig config) {
        String host = trim(config.host());
        if (host.isEmpty()) {
            return null;
        }
        Security security;
        try {
            security = Security.valueOf(trim(config.security()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'security' must be none, starttls or tls, not '" + config.security() + "'");
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("'port' must be between 1 and 65535");
        }
        String from = trim(config.from_address());
        if (from.isEmpty()) {
            throw new IllegalArgumentException("'from.address' is required when 'host' is set");
        }
        return new EmailSettings(host, config.port(), security, trim(config.user()), config._password(), from,
                trim(config.from_name()), Math.max(1, config.connect_timeout_ms()), Math.max(1, config.read_timeout_ms()));
    }

    boolean authenticates() {
        return !user.isEmpty();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    @Override
    public String toString() {
        return "EmailSettings[" + host + ":" + port + " " + security + (user.isEmpty() ? "" : " as " + user) + " from "
                + fromAddress + "]";
    }
}

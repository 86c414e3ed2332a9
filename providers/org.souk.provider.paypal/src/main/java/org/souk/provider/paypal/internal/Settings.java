package org.souk.provider.paypal.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The provider's configuration, checked once at activation. {@link #toString()} leaves the client secret
 * out and shortens the client id, so a Settings can be logged.
 */
record Settings(String clientId, String clientSecret, String webhookId, boolean sandbox, URI baseUrl,
        String returnUrl, String cancelUrl, Conversion conversion, Duration connectTimeout, Duration requestTimeout) {

    static final String SANDBOX_URL = "https://api-m.sandbox.paypal.com";
    static final String LIVE_URL = "https://api-m.paypal.com";

    Settings {
        require(clientId, "client.id");
        require(clientSecret, ".client.secret");
        require(returnUrl, "return.url");
        require(cancelUrl, "cancel.url");
        if (baseUrl == null) {
            baseUrl = URI.create(sandbox ? SANDBOX_URL : LIVE_URL);
        }
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException(PayPalProvider.PID + ": base.url must be an http(s) URL");
        }
        webhookId = webhookId == null || webhookId.isBlank() ? null : webhookId.trim();
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(PayPalProvider.PID + ": timeouts must be above zero");
        }
    }

    /** Reads the metatype configuration; blank optional values take their defaults. */
    static Settings of(PayPalProvider.Config c) {
        String base = blankToNull(c.base_url());
        String rate = blankToNull(c.exchange_rate());
        BigDecimal exchangeRate;
        try {
            exchangeRate = rate == null ? null : new BigDecimal(rate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PayPalProvider.PID + ": exchange.rate is not a decimal number: " + rate);
        }
        String chargeCurrency = currency(c.charge_currency(), "EUR");
        String orderCurrency = currency(c.order_currency(), "MAD");
        Conversion conversion;
        try {
            conversion = new Conversion(orderCurrency, chargeCurrency, exchangeRate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PayPalProvider.PID + ": " + e.getMessage(), e);
        }
        return new Settings(trim(c.client_id()), trim(c._client_secret()), c.webhook_id(), c.sandbox(),
                base == null ? null : URI.create(stripSlash(base)), trim(c.return_url()), trim(c.cancel_url()),
                conversion, Duration.ofMillis(c.connect_timeout_ms()), Duration.ofMillis(c.request_timeout_ms()));
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PayPalProvider.PID + " needs '" + key + "'");
        }
    }

    private static String currency(String value, String fallback) {
        String code = blankToNull(value);
        return code == null ? fallback : code.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The client id shortened to its first four characters; not a secret, but no need to print it whole. */
    String maskedClientId() {
        return clientId.length() <= 4 ? "****" : clientId.substring(0, 4) + "****";
    }

    @Override
    public String toString() {
        return "Settings[clientId=" + maskedClientId() + ", clientSecret=****, webhookId=" + webhookId
                + ", sandbox=" + sandbox + ", baseUrl=" + baseUrl + ", returnUrl=" + returnUrl + ", cancelUrl="
                + cancelUrl + ", conversion=" + conversion + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}

package org.souk.provider.paypal.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The provider's configuration, checked once at activation. {@link #toString()} leaves the client secret
 * out and shortens the client id, so a Settings can be logged.
 */
record Settings(String clientId, String clientSecret, String webhookId, boolean sandbox, URI baseUrl,
        String returnUrl, String cancelUrl, Conversion conversion, Duration connectTimeout, Duration requestTimeout,
        Webhooks webhooks) {

    static final String SANDBOX_URL = "https://api-m.sandbox.paypal.com";
    static final String LIVE_URL = "https://api-m.paypal.com";

    /**
     * What a webhook must look like before PayPal is asked to verify it, and how much verifying may cost:
     * the hosts its certificate URL may name (the host itself or a subdomain of it, over https), how far its
     * transmission time may be from now, how many verifications may be under way at once, how long one may
     * take, how many may start per minute (a token bucket refilled continuously, holding at most a minute's
     * worth) and how many transmissions PayPal refused are remembered so that they are refused again without
     * asking (0: none).
     */
    record Webhooks(List<String> certHosts, Duration timeWindow, int maxConcurrentVerifications, Duration verifyTimeout,
            int verificationsPerMinute, int refusedCacheSize) {

        static final int VERIFICATIONS_PER_MINUTE = 120;
        static final int REFUSED_CACHE_SIZE = 1_000;
        static final Webhooks DEFAULTS = new Webhooks(List.of("paypal.com"), Duration.ofMinutes(30), 4,
                Duration.ofSeconds(3), VERIFICATIONS_PER_MINUTE, REFUSED_CACHE_SIZE);

        Webhooks {
            certHosts = certHosts == null ? List.of() : certHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .map(h -> h.startsWith(".") ? h.substring(1) : h).filter(h -> !h.isEmpty()).distinct().toList();
            if (certHosts.isEmpty()) {
                throw new IllegalArgumentException(PayPalProvider.PID + ": webhook.cert.hosts needs at least one host");
            }
            if (timeWindow == null || timeWindow.isNegative() || timeWindow.isZero()) {
                throw new IllegalArgumentException(PayPalProvider.PID + ": webhook.time.window.s must be above zero");
            }
            if (maxConcurrentVerifications < 1) {
                throw new IllegalArgumentException(PayPalProvider.PID + ": webhook.max.verifications must be 1 or more");
            }
            if (verifyTimeout == null || verifyTimeout.isNegative() || verifyTimeout.isZero()) {
                throw new IllegalArgumentException(PayPalProvider.PID + ": webhook.verify.timeout.ms must be above zero");
            }
            if (verificationsPerMinute < 1) {
                throw new IllegalArgumentException(PayPalProvider.PID + ": webhook.verifications.per.minute must be 1 or more");
            }
            if (refusedCacheSize < 0) {
                throw new IllegalArgumentException(PayPalProvider.PID + ": webhook.refused.cache.size must be 0 or more");
            }
        }

        /** The given checks and limits, with the default allowance per minute and the default cache of refusals. */
        Webhooks(List<String> certHosts, Duration timeWindow, int maxConcurrentVerifications, Duration verifyTimeout) {
            this(certHosts, timeWindow, maxConcurrentVerifications, verifyTimeout, VERIFICATIONS_PER_MINUTE,
                    REFUSED_CACHE_SIZE);
        }

        /** Whether a certificate host is one of the allowed hosts or a subdomain of one, ignoring case. */
        boolean allowsCertHost(String host) {
            if (host == null || host.isEmpty()) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            for (String allowed : certHosts) {
                if (h.equals(allowed) || h.endsWith("." + allowed)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The settings with the default webhook limits. */
    Settings(String clientId, String clientSecret, String webhookId, boolean sandbox, URI baseUrl, String returnUrl,
            String cancelUrl, Conversion conversion, Duration connectTimeout, Duration requestTimeout) {
        this(clientId, clientSecret, webhookId, sandbox, baseUrl, returnUrl, cancelUrl, conversion, connectTimeout,
                requestTimeout, Webhooks.DEFAULTS);
    }

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
        if (webhooks == null) {
            webhooks = Webhooks.DEFAULTS;
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
        String hosts = blankToNull(c.webhook_cert_hosts());
        Webhooks webhooks = new Webhooks(hosts == null ? Webhooks.DEFAULTS.certHosts() : List.of(hosts.split("[,\\s]+")),
                Duration.ofSeconds(c.webhook_time_window_s()), c.webhook_max_verifications(),
                Duration.ofMillis(c.webhook_verify_timeout_ms()), c.webhook_verifications_per_minute(),
                c.webhook_refused_cache_size());
        return new Settings(trim(c.client_id()), trim(c._client_secret()), c.webhook_id(), c.sandbox(),
                base == null ? null : URI.create(stripSlash(base)), trim(c.return_url()), trim(c.cancel_url()),
                conversion, Duration.ofMillis(c.connect_timeout_ms()), Duration.ofMillis(c.request_timeout_ms()), webhooks);
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
                + ", requestTimeout=" + requestTimeout + ", webhooks=" + webhooks + "]";
    }
}

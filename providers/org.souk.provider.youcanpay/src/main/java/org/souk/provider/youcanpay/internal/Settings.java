package org.souk.provider.youcanpay.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One YouCanPay account's settings, checked once at activation. Its {@link #toString()} masks the keys:
 * this object may end up in a log line or a debugger, the keys must not.
 */
final class Settings {

    static final String SANDBOX_API = "https://youcanpay.com/sandbox/api/";
    static final String LIVE_API = "https://youcanpay.com/api/";
    static final String SANDBOX_FORM = "https://youcanpay.com/sandbox/payment-form/";
    static final String LIVE_FORM = "https://youcanpay.com/payment-form/";
    static final String DEFAULT_RETURN_URL = "http://localhost:8181/payment-return";
    /** The provider id of the configuration without an account, and the prefix of the others'. */
    static final String BASE_ID = "youcanpay";
    /** An account name: lower-case letters, digits and single dashes inside, as in {@code live} or {@code mad-2}. */
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ACCOUNT = 32;

    /**
     * The provider id: {@code youcanpay} for the configuration without an account (so that payments and webhook
     * URLs of a single account keep working), {@code youcanpay-<account>} for each further account.
     */
    final String id;
    /** The account's name, empty for the default account. */
    final String account;

    final String privateKey;
    final String publicKey;
    final boolean sandbox;
    /** API base, always ending with a slash. */
    final URI baseUrl;
    final Duration connectTimeout;
    final Duration requestTimeout;
    final String returnUrl;

    Settings(String privateKey, String publicKey, boolean sandbox, String baseUrl, long connectTimeoutMs,
            long requestTimeoutMs, String returnUrl) {
        this("", privateKey, publicKey, sandbox, baseUrl, connectTimeoutMs, requestTimeoutMs, returnUrl);
    }

    Settings(String account, String privateKey, String publicKey, boolean sandbox, String baseUrl, long connectTimeoutMs,
            long requestTimeoutMs, String returnUrl) {
        this.account = blank(account) ? "" : account.trim();
        this.id = providerId(this.account);
        if (blank(privateKey)) {
            throw new IllegalArgumentException(".private.key is required");
        }
        if (connectTimeoutMs <= 0 || requestTimeoutMs <= 0) {
            throw new IllegalArgumentException("connect.timeout.ms and request.timeout.ms must be positive");
        }
        this.privateKey = privateKey.trim();
        this.publicKey = blank(publicKey) ? "" : publicKey.trim();
        this.sandbox = sandbox;
        String base = blank(baseUrl) ? (sandbox ? SANDBOX_API : LIVE_API) : baseUrl.trim();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        if (this.baseUrl.getScheme() == null || !this.baseUrl.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("base.url must be an http(s) URL");
        }
        this.connectTimeout = Duration.ofMillis(connectTimeoutMs);
        this.requestTimeout = Duration.ofMillis(requestTimeoutMs);
        this.returnUrl = blank(returnUrl) ? DEFAULT_RETURN_URL : returnUrl.trim();
    }

    static Settings of(YouCanPayProvider.Config config) {
        return new Settings(config.account(), config._private_key(), config.public_key(), config.sandbox(), config.base_url(),
                config.connect_timeout_ms(), config.request_timeout_ms(), config.return_url());
    }

    /**
     * The provider id of an account: {@code youcanpay} without one, {@code youcanpay-<account>} otherwise.
     *
     * @throws IllegalArgumentException when the account is not lower-case letters, digits and dashes
     */
    static String providerId(String account) {
        if (blank(account)) {
            return BASE_ID;
        }
        String a = account.trim();
        if (a.length() > MAX_ACCOUNT || !ACCOUNT.matcher(a).matches()) {
            throw new IllegalArgumentException("account must be 1 to " + MAX_ACCOUNT + " lower-case letters, digits and "
                    + "dashes (not first or last, never two in a row), as in 'live' or 'mad-2'; not '" + a + "'");
        }
        return BASE_ID + "-" + a;
    }

    /** YouCanPay's hosted payment page for a token; the sandbox has its own. */
    String hostedPageUrl(String token, String lang) {
        return (sandbox ? SANDBOX_FORM : LIVE_FORM) + URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20")
                + "?lang=" + lang;
    }

    /** Where YouCanPay sends the customer's browser back; the page shows the outcome, it never settles it. */
    String returnUrl(String paymentId, String outcome) {
        return returnUrl + (returnUrl.contains("?") ? "&" : "?") + "payment="
                + URLEncoder.encode(Objects.toString(paymentId, ""), StandardCharsets.UTF_8) + "&outcome=" + outcome;
    }

    /** Enough of a key to tell two accounts apart ({@code pri_…}), never enough to use it. */
    static String mask(String key) {
        if (blank(key)) {
            return "(none)";
        }
        return (key.length() > 12 ? key.substring(0, 4) : "") + "****";
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "id=" + id + ", sandbox=" + sandbox + ", api=" + baseUrl + ", privateKey=" + mask(privateKey) + ", publicKey="
                + mask(publicKey);
    }
}

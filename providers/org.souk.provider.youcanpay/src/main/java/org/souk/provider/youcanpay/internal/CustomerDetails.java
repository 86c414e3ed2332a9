package org.souk.provider.youcanpay.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.souk.common.api.FieldError;
import org.souk.gateway.spi.PaymentRequest;

/**
 * What YouCanPay is told about the customer: the details the client may pass (checked before anything is
 * recorded), the customer's IP address and the payment page's language. No calls.
 */
final class CustomerDetails {

    static final List<String> CUSTOMER_FIELDS = List.of("name", "address", "zip_code", "city", "state",
            "country_code", "phone", "email");
    static final Set<String> LANGUAGES = Set.of("en", "fr", "ar");

    private CustomerDetails() {
    }

    /**
     * What the client may pass and YouCanPay would refuse: a customer IP that is no IP address, an e-mail
     * that is no address, a country that is no two-letter code, a customer field longer than YouCanPay keeps.
     * Nothing is required (the card or the cash code is entered at YouCanPay, not sent by the client); the
     * language is a preference, so an unknown one falls back to English rather than being refused.
     */
    static List<FieldError> check(Map<String, String> details) {
        List<FieldError> errors = new ArrayList<>();
        if (details == null) {
            return errors;
        }
        String ip = details.get("customerIp");
        if (ip != null && !ip.isBlank() && !isIpAddress(ip.trim())) {
            errors.add(new FieldError("details.customerIp", "must be an IPv4 or IPv6 address"));
        }
        for (Map.Entry<String, String> e : details.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || !key.startsWith("customer.") || value == null || value.isBlank()) {
                continue;
            }
            String field = "details." + key;
            String v = value.trim();
            if (v.length() > MAX_CUSTOMER_FIELD) {
                errors.add(new FieldError(field, "must be at most " + MAX_CUSTOMER_FIELD + " characters"));
            } else if (key.equals("customer.email") && !EMAIL.matcher(v).matches()) {
                errors.add(new FieldError(field, "must be an e-mail address"));
            } else if ((key.equals("customer.country_code") || key.equals("customer.countryCode"))
                    && !v.matches("[A-Za-z]{2}")) {
                errors.add(new FieldError(field, "must be a two-letter country code (ISO 3166-1), e.g. MA"));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    static final int MAX_CUSTOMER_FIELD = 255;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IPV4 = Pattern
            .compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** An IP literal, checked without any name look-up (a text with a colon is never resolved). */
    static boolean isIpAddress(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (s.length() > 45 || s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(s) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String customerDetail(PaymentRequest request, String field) {
        String value = request.detail("customer." + field);
        if (value == null && field.contains("_")) { // customer.zip_code also as customer.zipCode
            int i = field.indexOf('_');
            value = request.detail("customer." + field.substring(0, i) + Character.toUpperCase(field.charAt(i + 1))
                    + field.substring(i + 2));
        }
        return value;
    }

    /**
     * The customer's IP for YouCanPay: the address Souk saw the request come from. Only when Souk knows none
     * (a payment not started through the API) is the client's {@code details.customerIp} used; YouCanPay wants
     * one, so a missing or malformed one becomes loopback.
     */
    static String customerIp(PaymentRequest request) {
        String seen = request.customer().ip();
        String ip = seen != null && !seen.isBlank() ? seen : request.detail("customerIp");
        return ip != null && ip.trim().matches("[0-9A-Fa-f:.]{2,45}") ? ip.trim() : "127.0.0.1";
    }

    /**
     * The page's language: the customer's, from their {@code Accept-Language} as Souk read it; then the
     * client's {@code details.lang}; then English. Only en, fr and ar are YouCanPay's.
     */
    static String language(PaymentRequest request) {
        for (String candidate : new String[] {request.customer().language(), request.detail("lang")}) {
            String lang = candidate == null ? null : candidate.trim().toLowerCase(Locale.ROOT);
            if (lang != null && LANGUAGES.contains(lang)) {
                return lang;
            }
        }
        return "en";
    }
}

package org.souk.rest.internal.http;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.souk.rest.internal.problem.ProblemMessages;

/**
 * Who is calling, as the API itself sees it, for providers that must tell their gateway (YouCanPay's
 * {@code customer_ip} and {@code lang}): the caller's address and language, never taken from the body.
 *
 * <p>The address is the socket's peer. Only when that peer is one of the configured trusted proxies
 * ({@code trusted.proxies} in {@code etc/org.souk.rest.cfg}, none by default) is {@code X-Forwarded-For}
 * read: from its right end, skipping the trusted proxies, the first address is the client's (what a proxy
 * appends can be trusted, what the client wrote to the left cannot).
 */
public final class CustomerOrigin {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trustedProxies;

    public CustomerOrigin(String trustedProxies) {
        this.trustedProxies = trustedProxies == null ? Set.of()
                : Arrays.stream(trustedProxies.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** The caller's IP address, or null when not even the socket's peer is known. */
    public String ip(String socketPeer, String forwardedFor) {
        String peer = literal(socketPeer);
        if (peer == null || !trustedProxies.contains(peer) || forwardedFor == null || forwardedFor.length() > 2_000) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = literal(hops[i]);
            if (hop == null) {
                return peer; // a hop that is no address: nothing to its left can be trusted either
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * The caller's language: the first of en, fr and ar that {@code Accept-Language} prefers, or null when it
     * names none of them (the provider then decides).
     */
    public static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        String language = ProblemMessages.language(acceptLanguage);
        if (!ProblemMessages.ENGLISH.equals(language)) {
            return language;
        }
        // English is also the fallback: only when the header names it is it the caller's.
        for (String range : acceptLanguage.toLowerCase(java.util.Locale.ROOT).split(",")) {
            String tag = range.split(";", 2)[0].trim();
            if ((tag.equals("en") || tag.startsWith("en-")) && !range.replace(" ", "").contains(";q=0")
                    || tag.equals("*")) {
                return ProblemMessages.ENGLISH;
            }
        }
        return null;
    }

    private static String literal(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1); // [::1]
        }
        return IP_LITERAL.matcher(t).matches() ? t : null;
    }
}

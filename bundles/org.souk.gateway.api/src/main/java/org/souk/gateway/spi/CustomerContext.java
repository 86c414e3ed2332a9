package org.souk.gateway.spi;

/**
 * Who is paying, as Souk saw the request rather than as its body claims: the customer's IP address (the
 * socket's peer, or the client named by a trusted proxy's {@code X-Forwarded-For}) and the language to talk
 * to them in ({@code en}, {@code fr} or {@code ar}, from {@code Accept-Language}). Either may be null when
 * Souk does not know it (a payment started from the console, say).
 */
public record CustomerContext(String ip, String language) {

    /** Nothing known of the customer. */
    public static final CustomerContext NONE = new CustomerContext(null, null);
}

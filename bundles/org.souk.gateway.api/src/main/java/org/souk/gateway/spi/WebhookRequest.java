package org.souk.gateway.spi;

import java.util.List;
import java.util.Map;

/** A webhook as it arrived: its headers and the exact body bytes the signature covers. */
public record WebhookRequest(Map<String, List<String>> headers, byte[] body) {

    /** First value of a header, matched ignoring case, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}

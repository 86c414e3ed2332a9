package org.souk.gateway.spi;

/** A webhook that fails verification: bad or missing signature, or an unreadable payload. */
public class WebhookRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public WebhookRejectedException(String reason) {
        super(reason);
    }
}

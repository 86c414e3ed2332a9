package org.souk.gateway.spi;

import java.util.Locale;

/**
 * Why a gateway declined a payment, as a stable lower_snake_case code a frontend can branch on
 * ({@code insufficient_funds}, {@code card_declined} …), next to the human message. A provider passes its
 * gateway's own code through {@link #normalise}; {@link #UNKNOWN} when the gateway gave none.
 */
public final class DeclineCodes {

    /** The gateway declined without saying why. */
    public static final String UNKNOWN = "unknown";
    public static final String CARD_DECLINED = "card_declined";
    public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
    public static final String EXPIRED_CARD = "expired_card";
    public static final String INCORRECT_CVC = "incorrect_cvc";
    public static final String DO_NOT_HONOR = "do_not_honor";
    public static final String LOST_OR_STOLEN_CARD = "lost_or_stolen_card";
    public static final String AUTHENTICATION_FAILED = "authentication_failed";
    public static final String PROCESSING_ERROR = "processing_error";
    /** The customer or the gateway canceled before anything was charged. */
    public static final String CANCELED = "canceled";

    /** Longest code kept; a longer one is cut there. */
    public static final int MAX_LENGTH = 64;

    private DeclineCodes() {
    }

    /**
     * A gateway's code in lower_snake_case: {@code INSTRUMENT_DECLINED}, {@code instrument-declined},
     * {@code "Instrument declined"} and {@code instrumentDeclined} all read {@code instrument_declined};
     * null, blank or punctuation only reads {@link #UNKNOWN}.
     */
    public static String normalise(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        String split = code.trim().replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        String snake = split.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            return UNKNOWN;
        }
        if (snake.length() > MAX_LENGTH) {
            snake = snake.substring(0, MAX_LENGTH).replaceAll("_+$", "");
        }
        return snake;
    }
}

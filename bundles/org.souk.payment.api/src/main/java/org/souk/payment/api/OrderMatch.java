package org.souk.payment.api;

import org.souk.order.api.OrderSummary;

/** An order a search found, how ({@link OrderMatch.How}) and by which key (the id, reference or user it matched). */
public record OrderMatch(OrderSummary order, How how, String key) {

    /** What the searched text turned out to be. */
    public enum How {
        ORDER_ID("order id"),
        PAYMENT_ID("payment id"),
        GATEWAY_REFERENCE("gateway reference"),
        CLIENT("client"),
        FREELANCER("freelancer");

        private final String label;

        How(String label) {
            this.label = label;
        }

        /** How an administrator reads it: {@code order id}, {@code gateway reference}, {@code client} ... */
        public String label() {
            return label;
        }
    }
}

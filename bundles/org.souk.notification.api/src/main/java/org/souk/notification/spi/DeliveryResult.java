package org.souk.notification.spi;

/** How a delivery went: delivered, failed but worth trying again later, or failed for good. */
public record DeliveryResult(Outcome outcome, String detail) {

    public enum Outcome {
        DELIVERED,
        /** Try again later (the server was down, a timeout): the platform backs off and retries a limited number of times. */
        RETRY,
        /** Never try again (no address, rejected by the server). */
        PERMANENT_FAILURE
    }

    public static DeliveryResult delivered() {
        return new DeliveryResult(Outcome.DELIVERED, null);
    }

    public static DeliveryResult retry(String detail) {
        return new DeliveryResult(Outcome.RETRY, detail);
    }

    public static DeliveryResult failed(String detail) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, detail);
    }
}

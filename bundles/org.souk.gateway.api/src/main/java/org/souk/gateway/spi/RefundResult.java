package org.souk.gateway.spi;

/** A provider's answer to a refund: done, under way, failed, or not offered by this gateway. */
public record RefundResult(Status status, String gatewayReference, String message) {

    public enum Status { SUCCEEDED, PENDING, FAILED, UNSUPPORTED }

    public static RefundResult unsupported(String why) {
        return new RefundResult(Status.UNSUPPORTED, null, why);
    }
}

package org.souk.gateway.spi;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP call to a gateway that is over by a deadline, answer body included. The JDK client's own request
 * timeout stops at the response headers, so a gateway that stalls in the middle of a body would hold the
 * calling thread (a payment request, a webhook) for as long as it likes; this abandons the exchange once the
 * time is up, however far it got.
 */
public final class HttpDeadline {

    private HttpDeadline() {
    }

    /**
     * Sends the request and reads the whole answer within {@code limit}.
     *
     * @throws HttpTimeoutException when no time is left, or the answer is not complete in time (the exchange is
     *         cancelled)
     * @throws IOException as the client reports it (a {@link java.net.ConnectException} stays one, so that a caller
     *         can tell "never reached the gateway" from "no answer")
     * @throws InterruptedException when the calling thread is interrupted (the exchange is cancelled)
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration limit)
            throws IOException, InterruptedException {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new HttpTimeoutException("no time left");
        }
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return call.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpTimeoutException("no complete answer in time");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("HTTP call failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
        }
    }
}

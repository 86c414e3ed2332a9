package org.souk.gateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class HttpDeadlineTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/quick", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stalls-in-body", exchange -> {
            exchange.sendResponseHeaders(200, 100); // promises 100 bytes, sends 5, then waits
            OutputStream out = exchange.getResponseBody();
            out.write("{\"ok\"".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void returnsTheWholeAnswerInTime() throws Exception {
        var response = HttpDeadline.send(http, get("/quick"), Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void abandonsAnAnswerThatStallsInItsBodyAtTheDeadline() {
        long start = System.nanoTime();

        // The request's own timeout (5 s) stops at the headers: only the deadline ends this one.
        assertThatThrownBy(() -> HttpDeadline.send(http, get("/stalls-in-body"), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void sendsNothingWhenNoTimeIsLeft() {
        assertThatThrownBy(() -> HttpDeadline.send(http, get("/quick"), Duration.ZERO))
                .isInstanceOf(HttpTimeoutException.class).hasMessage("no time left");
        assertThatThrownBy(() -> HttpDeadline.send(http, get("/quick"), Duration.ofMillis(-1)))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aRefusedConnectionStaysAConnectException() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed + "/")).build();

        assertThatThrownBy(() -> HttpDeadline.send(http, request, Duration.ofSeconds(5)))
                .isInstanceOf(ConnectException.class);
    }
}

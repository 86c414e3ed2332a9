package org.souk.rest.gate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

class ApiGateTest {

    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final int[] status = {200};

    @Test
    void withoutTheGuardEveryApiCallIsA503ProblemWithRetryAfter() throws Exception {
        AtomicReference<String> passed = new AtomicReference<>();
        new DefaultContextGate().doFilter(request("/api/v1/orders"), response(), (req, res) -> passed.set("chain"));

        assertThat(passed.get()).isNull();
        assertThat(status[0]).isEqualTo(503);
        assertThat(headers).containsEntry("Retry-After", "5").containsEntry("Content-Type", "application/problem+json");
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("\"code\":\"service_unavailable\"", "\"status\":503");
    }

    @Test
    void pathsOutsideTheApiGoTheirWay() throws Exception {
        AtomicReference<String> passed = new AtomicReference<>();
        new DefaultContextGate().doFilter(request("/api/docs"), response(), (req, res) -> passed.set("chain"));
        new DefaultContextGate().doFilter(request("/api/v10"), response(), (req, res) -> passed.set(passed.get() + "+chain"));

        assertThat(passed.get()).isEqualTo("chain+chain");
        assertThat(status[0]).isEqualTo(200);
    }

    @Test
    void theGuardDecidesOnceItIsThere() throws Exception {
        List<String> calls = new java.util.ArrayList<>();
        Filter guard = new Filter() {
            @Override
            public void doFilter(javax.servlet.ServletRequest req, javax.servlet.ServletResponse res, FilterChain chain) {
                calls.add("guard");
            }
        };
        new DefaultContextGate(guard).doFilter(request("/api/v1"), response(), (req, res) -> calls.add("chain"));

        assertThat(calls).containsExactly("guard");
        assertThat(status[0]).isEqualTo(200);
    }

    private static HttpServletRequest request(String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(ApiGateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> uri;
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(ApiGateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setContentType" -> {
                        headers.put("Content-Type", (String) args[0]);
                        yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> null;
                });
    }
}

package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;

import org.junit.jupiter.api.Test;
import org.souk.rest.internal.RestConfig;
import org.souk.rest.internal.RestConfigs;

class BodyLimitFilterTest {

    /** The little of a request the filter looks at: its headers and its body. */
    private static final class Request {
        final Map<String, String> headers = new HashMap<>();
        InputStream body;

        ContainerRequestContext context() {
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getHeaderString" -> headers.get(args[0]);
                        case "getEntityStream" -> body;
                        case "setEntityStream" -> {
                            body = (InputStream) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static RestConfig config(long max) {
        return RestConfigs.of(Map.of("max_body_bytes", max));
    }

    @Test
    void aBodyAnnouncedTooLargeIsRefusedUnread() {
        Request request = new Request();
        request.headers.put("Content-Length", "1048577");
        LimitedInputStreamTest.Endless endless = new LimitedInputStreamTest.Endless();
        request.body = endless;
        assertThatThrownBy(() -> new BodyLimitFilter(1024 * 1024).filter(request.context()))
                .isInstanceOfSatisfying(BodyTooLargeException.class, e -> {
                    assertThat(e.problemType()).isEqualTo("too-large");
                    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("body");
                });
        assertThat(endless.taken).isZero();
    }

    @Test
    void aBodyWithoutLengthIsCutAtTheLimit() {
        Request request = new Request();
        LimitedInputStreamTest.Endless endless = new LimitedInputStreamTest.Endless();
        request.body = endless;
        new BodyLimitFilter(config(4096)).filter(request.context());
        assertThatThrownBy(request.body::readAllBytes).isInstanceOf(BodyTooLargeException.class);
        assertThat(endless.taken).isEqualTo(4097);
    }

    @Test
    void theLimitIsConfiguredAndDefaultsToOneMebibyte() {
        BodyLimitFilter filter = new BodyLimitFilter(config(BodyLimitFilter.DEFAULT_MAX_BODY_BYTES));
        assertThat(filter.maxBodyBytes()).isEqualTo(1024 * 1024);
        filter.modified(config(2048));
        assertThat(filter.maxBodyBytes()).isEqualTo(2048);
        Request request = new Request();
        request.headers.put("Content-Length", "2049");
        assertThatThrownBy(() -> filter.filter(request.context())).isInstanceOf(BodyTooLargeException.class);
        filter.modified(config(0));
        assertThat(filter.maxBodyBytes()).isEqualTo(1024 * 1024);
    }
}

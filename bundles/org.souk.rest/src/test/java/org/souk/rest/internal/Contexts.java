package org.souk.rest.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/** The little of a request and its answer that the filters look at, without a JAX-RS runtime. */
public final class Contexts {

    public static final class Request {
        public final Map<String, String> headers = new HashMap<>();
        public final Map<String, Object> properties = new HashMap<>();
        public String method = "GET";
        public String path = "gigs";
        public Response aborted;

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public ContainerRequestContext context() {
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getHeaderString" -> headers.get(args[0]);
                        case "getMethod" -> this.method;
                        case "getUriInfo" -> Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                                (p, m, a) -> switch (m.getName()) {
                                    case "getPath" -> path;
                                    default -> throw new UnsupportedOperationException(m.getName());
                                });
                        case "getProperty" -> properties.get(args[0]);
                        case "setProperty" -> {
                            properties.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "abortWith" -> {
                            aborted = (Response) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    public static final class Answer {
        public final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        public int status = 200;

        public ContainerResponseContext context() {
            return (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerResponseContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getHeaders" -> headers;
                        case "getStatus" -> status;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private Contexts() {
    }
}

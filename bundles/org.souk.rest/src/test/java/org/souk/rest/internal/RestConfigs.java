package org.souk.rest.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** {@link RestConfig} as DS would hand it over: the given values, the annotation's defaults for the rest. */
public final class RestConfigs {

    private RestConfigs() {
    }

    /** Keys are the attribute methods' names ({@code cors_allowed_origins}). */
    public static RestConfig of(Map<String, Object> values) {
        return (RestConfig) Proxy.newProxyInstance(RestConfig.class.getClassLoader(), new Class<?>[] {RestConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> RestConfig.class;
                    case "toString" -> "RestConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }
}

package org.souk.shell.internal;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Service fakes for the commands: the methods a test names answer, any other call fails the test. */
final class Fakes {

    private Fakes() {
    }

    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new AssertionError("unexpected call: " + type.getSimpleName() + "." + method.getName());
            }
            return answer.apply(args);
        }));
    }

    /** A service that must not be called at all. */
    static <T> T untouched(Class<T> type) {
        return of(type, Map.of());
    }
}

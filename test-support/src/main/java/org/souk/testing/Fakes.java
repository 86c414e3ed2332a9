package org.souk.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/** Stand-ins for the services a class under test calls, written as one answer per call. */
public final class Fakes {

    private Fakes() {
    }

    /**
     * An implementation of {@code type} whose every method is answered by {@code answer}, given the method and its
     * arguments. {@code equals}, {@code hashCode} and {@code toString} are the interface's {@code Class} object's, so
     * the fake can be logged or kept in a set without an answer written for them.
     */
    @SuppressWarnings("unchecked")
    public static <T> T proxy(Class<T> type, BiFunction<Method, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> m.getDeclaringClass() == Object.class ? m.invoke(type, args) : answer.apply(m, args));
    }
}

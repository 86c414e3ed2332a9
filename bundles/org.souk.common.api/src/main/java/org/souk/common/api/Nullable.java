package org.souk.common.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A value that may be absent, written as {@code null} in JSON. Every other component of a Souk value type is
 * always there. The REST API's description is built from this mark (which fields a client must be ready to
 * find {@code null}), so it is kept exact: the integration tests check every answer against that description.
 */
@Documented
@Retention(RUNTIME)
@Target({RECORD_COMPONENT, FIELD, METHOD, PARAMETER})
public @interface Nullable {
}

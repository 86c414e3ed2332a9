package org.souk.common.api;

/** A field of a request that was refused, and why. */
public record FieldError(String field, String reason) {
}

package org.souk.message.api;

import org.souk.common.api.Nullable;

/**
 * A file sent with a message, by reference: where it is stored (an absolute http or https URL that the
 * marketplace serves), its name, and optionally its media type and size in bytes. Souk keeps the reference,
 * never the file.
 */
public record Attachment(String name, String url, @Nullable String contentType, @Nullable Long size) {
}

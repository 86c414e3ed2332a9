package org.souk.notification.email.internal;

/** One email, ready to send: a subject, a plain-text part and an HTML part. */
record RenderedEmail(String language, String subject, String text, String html) {
}

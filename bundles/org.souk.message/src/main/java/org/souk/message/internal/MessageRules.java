package org.souk.message.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.ValidationException;
import org.souk.message.api.Attachment;
import org.souk.message.api.MessageDraft;
import org.souk.message.api.MessageLimits;
import org.souk.order.api.OrderSummary;

/** What a message may hold and who may send it: pure decisions, apart from the database. */
final class MessageRules {

    static final String CLIENT = "CLIENT";
    static final String FREELANCER = "FREELANCER";

    private MessageRules() {
    }

    /** Every mistake of the draft at once, each naming its field. */
    static void checkDraft(MessageDraft draft) {
        ValidationException.Collector errors = new ValidationException.Collector();
        String body = draft == null ? null : draft.body();
        if (body == null || body.isBlank()) {
            errors.add("body", "is required: the text of the message");
        } else if (body.codePointCount(0, body.length()) > MessageLimits.MAX_BODY) {
            errors.add("body", "has more than " + MessageLimits.MAX_BODY + " characters");
        }
        List<Attachment> attachments = draft == null || draft.attachments() == null ? List.of() : draft.attachments();
        if (attachments.size() > MessageLimits.MAX_ATTACHMENTS) {
            errors.add("attachments", "at most " + MessageLimits.MAX_ATTACHMENTS + " per message");
        }
        for (int i = 0; i < attachments.size() && i < MessageLimits.MAX_ATTACHMENTS; i++) {
            checkAttachment(attachments.get(i), "attachments[" + i + "]", errors);
        }
        errors.throwIfAny();
    }

    private static void checkAttachment(Attachment a, String field, ValidationException.Collector errors) {
        if (a == null) {
            errors.add(field, "is empty: give name and url");
            return;
        }
        if (a.name() == null || a.name().isBlank()) {
            errors.add(field + ".name", "is required");
        } else if (a.name().codePointCount(0, a.name().length()) > MessageLimits.MAX_NAME) {
            errors.add(field + ".name", "has more than " + MessageLimits.MAX_NAME + " characters");
        }
        String url = a.url();
        if (url == null || url.isBlank()) {
            errors.add(field + ".url", "is required: where the file is stored");
        } else if (url.length() > MessageLimits.MAX_URL) {
            errors.add(field + ".url", "has more than " + MessageLimits.MAX_URL + " characters");
        } else if (!isWebAddress(url)) {
            errors.add(field + ".url", "must be an absolute http or https URL");
        }
        if (a.contentType() != null && (a.contentType().length() > MessageLimits.MAX_CONTENT_TYPE
                || !a.contentType().matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+"))) {
            errors.add(field + ".contentType", "must be a media type such as application/pdf");
        }
        if (a.size() != null && a.size() < 0) {
            errors.add(field + ".size", "must be 0 or more bytes");
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The part the caller has in the order, who may write; an administrator reads threads but does not
     * write in them. (Someone with no part in the order never gets here: the order is not found for them.)
     */
    static String authorRole(Caller caller, OrderSummary order) {
        if (caller.userId().equals(order.clientId())) {
            return CLIENT;
        }
        if (caller.userId().equals(order.freelancerId())) {
            return FREELANCER;
        }
        throw new ForbiddenException("Only the order's client and freelancer write messages on it");
    }

    /**
     * The start of a message's text for a notification: white space runs folded to one space, at most
     * {@code max} characters (code points, never half of one), ending with an ellipsis when cut.
     */
    static String excerpt(String body, int max) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end).stripTrailing() + "\u2026";
    }

    /** Who a message from the author is for: the other side of the order. */
    static String recipient(String authorRole, OrderSummary order) {
        return CLIENT.equals(authorRole) ? order.freelancerId() : order.clientId();
    }
}

package org.souk.message.api;

/** The bounds of what a message may hold; longer or more is refused, never cut. */
public final class MessageLimits {

    /** Characters (code points) of a message's text. */
    public static final int MAX_BODY = 4000;
    /** Attachments of one message. */
    public static final int MAX_ATTACHMENTS = 10;
    /** Characters of an attachment's name. */
    public static final int MAX_NAME = 255;
    /** Characters of an attachment's URL. */
    public static final int MAX_URL = 2048;
    /** Characters of an attachment's media type. */
    public static final int MAX_CONTENT_TYPE = 100;

    private MessageLimits() {
    }
}

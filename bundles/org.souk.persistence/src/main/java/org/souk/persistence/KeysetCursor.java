package org.souk.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.souk.common.api.ValidationException;

/**
 * Where a page of a keyset-paged list ends: the last row's time and id, the keys the list is sorted by (newest
 * first). Given out as opaque base64url text that clients only hand back; a {@link Format} writes and reads the
 * text of one list, whose prefix tells its cursors from any other list's.
 */
public record KeysetCursor(Instant at, String id) {

    /** The query parameter a cursor comes back in, which a refusal names. */
    public static final String FIELD = "after";

    public KeysetCursor {
        if (at == null || id == null) {
            throw new IllegalArgumentException("a cursor needs a time and an id");
        }
    }

    /** Why a text is no cursor of the list, for the list's own wording of the refusal. */
    public enum Refusal {
        /** Nothing, or only blanks. */
        EMPTY,
        /** Longer than any cursor the list gives out. */
        TOO_LONG,
        /** Not written by this list's format: another list's cursor, a forged or damaged one. */
        FOREIGN
    }

    /**
     * The cursors of one list.
     *
     * @param prefix what starts every cursor of the list, with its version ({@code "o1"}), letters and digits
     * @param wording what a refusal says about the text ({@code "is not a cursor of this list"}); the refusal
     *        goes on to tell the client to pass the previous page's {@code next}
     */
    public static Format format(String prefix, Function<Refusal, String> wording) {
        return new Format(prefix, wording);
    }

    /** Writes and reads the cursors of one list. */
    public static final class Format {

        private static final int MAX_TEXT = 128;
        private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,7}");

        private final String prefix;
        private final Pattern form;
        private final Function<Refusal, String> wording;

        private Format(String prefix, Function<Refusal, String> wording) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("a cursor prefix is a few lower-case letters and digits: " + prefix);
            }
            this.prefix = prefix;
            this.form = Pattern.compile(prefix + ":(-?\\d{1,19})\\.(\\d{1,9}):([A-Za-z0-9-]{1,36})");
            this.wording = Objects.requireNonNull(wording, "wording");
        }

        public String encode(KeysetCursor cursor) {
            String text = prefix + ":" + cursor.at().getEpochSecond() + "." + cursor.at().getNano() + ":" + cursor.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        /** @throws ValidationException naming {@value KeysetCursor#FIELD} for anything this format did not encode */
        public KeysetCursor decode(String text) {
            if (text == null || text.isBlank()) {
                throw refused(Refusal.EMPTY);
            }
            if (text.length() > MAX_TEXT) {
                throw refused(Refusal.TOO_LONG);
            }
            String plain;
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(text.trim());
                plain = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (IllegalArgumentException | CharacterCodingException e) {
                throw refused(Refusal.FOREIGN);
            }
            Matcher m = form.matcher(plain);
            if (!m.matches()) {
                throw refused(Refusal.FOREIGN);
            }
            try {
                return new KeysetCursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        m.group(3));
            } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
                throw refused(Refusal.FOREIGN);
            }
        }

        private ValidationException refused(Refusal why) {
            return new ValidationException(FIELD, wording.apply(why) + ": pass the 'next' of the previous page");
        }
    }
}

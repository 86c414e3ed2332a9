package org.souk.common.api;

import java.util.List;

/**
 * One page of a longer list: the items, where the page starts, its size, how many there are in all, and
 * {@code next}, an opaque cursor that asks for the page after this one (null on the last page, and for
 * lists that page by offset only).
 *
 * <p>
 * A list paged by cursor does not count its items: its {@code total} is {@link #UNCOUNTED} and its
 * {@code offset} is 0.
 */
public record Page<T>(List<T> items, int offset, int limit, long total, @Nullable String next) {

    public static final int MAX_LIMIT = 100;

    /** The {@code total} of a page that was not counted. */
    public static final long UNCOUNTED = -1;

    public Page {
        items = List.copyOf(items);
    }

    /** A page by offset, without a cursor. */
    public Page(List<T> items, int offset, int limit, long total) {
        this(items, offset, limit, total, null);
    }

    /** Whether {@code total} counts the whole list. */
    public boolean counted() {
        return total >= 0;
    }
}

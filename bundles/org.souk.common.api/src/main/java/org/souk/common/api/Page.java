package org.souk.common.api;

import java.util.List;

/** One page of a longer list: the items, where the page starts, its size and how many there are in all. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public static final int MAX_LIMIT = 100;

    public Page {
        items = List.copyOf(items);
    }
}

package org.entente.platform;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, in a stable order. Pass {@code next} back as {@code cursor} to get the following page;
 * {@code next} is null on the last page. Cursors are opaque: clients must not build or parse them.
 *
 * @param items the page's items, never null
 * @param next  the cursor of the next page, or null when there is none
 */
public record CursorPage<T>(List<T> items, String next) {

    public CursorPage {
        items = List.copyOf(items);
    }

    /** The next cursor, when there is a next page. */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(next);
    }
}

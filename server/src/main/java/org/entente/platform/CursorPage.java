package org.entente.platform;

import java.util.List;
import java.util.function.Function;

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

    /**
     * The page made of rows fetched with a limit of {@code limit + 1}: the extra row, if it came, only tells that
     * there is a next page, which starts after the last row kept.
     *
     * @param cursorOf the cursor that resumes after a row (see {@link Cursors#encode})
     */
    public static <T> CursorPage<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorOf) {
        if (rowsPlusOne.size() <= limit) {
            return new CursorPage<>(rowsPlusOne, null);
        }
        List<T> rows = rowsPlusOne.subList(0, limit);
        return new CursorPage<>(rows, cursorOf.apply(rows.getLast()));
    }
}

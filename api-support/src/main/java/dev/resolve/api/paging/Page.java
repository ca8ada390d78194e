package dev.resolve.api.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list: its items and, when more follow, the cursor of the next page. Read one row more
 * than the page holds ({@link #rowsToRead(int)}) and hand the rows to {@link #of}: whether that extra row came back is
 * how the page knows that another follows, without counting.
 */
public record Page<T>(List<T> items, Cursor next) {

    /** How many rows to read for a page of {@code limit} items. */
    public static int rowsToRead(int limit) {
        return limit + 1;
    }

    /**
     * The page of the first {@code limit} of {@code rows}; when the extra row was read, the next page starts after the
     * last item kept, at {@code keyOf(last)}.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> keyOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, keyOf.apply(items.get(limit - 1)));
    }

    /** The same page with each item mapped, for example to its API bean. */
    public <V> Page<V> map(Function<T, V> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }

    /** The next page's cursor as clients pass it back, or null on the last page. */
    public String nextCursor() {
        return next == null ? null : next.encode();
    }
}

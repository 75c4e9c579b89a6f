package nl.regiopool.page;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the rows and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> data, String nextCursor) {

    /** Lists fetch {@code limit + 1} rows; the extra row only tells that another page exists. */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> sortKey) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> data = fetched.subList(0, limit);
        return new Page<>(List.copyOf(data), Cursors.encode(sortKey.apply(data.get(limit - 1))));
    }
}

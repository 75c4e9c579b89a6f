package nl.regiopool.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.model.Pool;
import nl.regiopool.client.model.PoolList;
import org.junit.jupiter.api.Test;

class PagesAndUpdatesTest {

    @Test
    void iteratesEveryPageAndFetchesOnlyWhatIsRead() {
        List<String> asked = new ArrayList<>();
        Pages.PageFetcher<PoolList> fetcher = cursor -> {
            asked.add(String.valueOf(cursor));
            int page = cursor == null ? 0 : Integer.parseInt(cursor);
            return new PoolList().data(List.of(new Pool().name("p" + page + "a"), new Pool().name("p" + page + "b")))
                    .nextCursor(page < 2 ? Integer.toString(page + 1) : null);
        };
        assertThat(Pages.all(fetcher, PoolList::getData, PoolList::getNextCursor).map(Pool::getName))
                .containsExactly("p0a", "p0b", "p1a", "p1b", "p2a", "p2b");
        assertThat(asked).containsExactly("null", "1", "2");
        asked.clear();
        assertThat(Pages.all(fetcher, PoolList::getData, PoolList::getNextCursor).findFirst()).isPresent();
        assertThat(asked).containsExactly("null");
    }

    @Test
    void anUpdateStartsOverWhenTheObjectChangedInBetween() throws ApiException {
        int[] version = {1};
        List<String> sent = new ArrayList<>();
        String result = ETagUpdates.update(
                () -> new ApiResponse<>(200, Map.of("etag", List.of("\"" + version[0] + "\"")), "v" + version[0]),
                (current, etag) -> {
                    sent.add(etag);
                    if (version[0]++ < 2) {
                        throw new ApiException(412, "stale");
                    }
                    return current + " changed";
                });
        assertThat(sent).containsExactly("\"1\"", "\"2\"");
        assertThat(result).isEqualTo("v2 changed");
    }
}

package nl.regiopool.client.sdk;

import java.util.List;
import java.util.Map;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;

/**
 * Read, change, write with {@code If-Match}, and start over when someone else changed the object in between
 * (412): the ETag handling every update of Regiopool needs.
 *
 * <pre>{@code
 * Pool renamed = ETagUpdates.update(() -> pools.getPoolWithHttpInfo(id),
 *         (pool, etag) -> pools.updatePool(id, etag, new PoolPatch().name(pool.getName() + " (Oost)")));
 * }</pre>
 */
public final class ETagUpdates {

    private static final int ATTEMPTS = 3;

    @FunctionalInterface
    public interface Read<T> {
        ApiResponse<T> read() throws ApiException;
    }

    @FunctionalInterface
    public interface Write<T, R> {
        R write(T current, String etag) throws ApiException;
    }

    private ETagUpdates() {
    }

    public static <T, R> R update(Read<T> read, Write<T, R> write) throws ApiException {
        for (int attempt = 1; ; attempt++) {
            ApiResponse<T> current = read.read();
            try {
                return write.write(current.getData(), etag(current.getHeaders()));
            } catch (ApiException e) {
                if (e.getCode() != 412 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The ETag of a response, to send back as If-Match. */
    public static String etag(Map<String, List<String>> headers) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("ETag"))
                .flatMap(header -> header.getValue().stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the response has no ETag"));
    }
}

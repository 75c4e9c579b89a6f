package nl.regiopool.http;

import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What the request on this thread accepts, for the few resources that offer more than JSON. Set by
 * {@link RequestIds} before matching and cleared when the response leaves.
 */
public final class Negotiation {

    private static final ThreadLocal<List<MediaType>> ACCEPTABLE = new ThreadLocal<>();

    private Negotiation() {
    }

    static void set(List<MediaType> acceptable) {
        ACCEPTABLE.set(acceptable);
    }

    static void clear() {
        ACCEPTABLE.remove();
    }

    /** True when, in the client's order of preference, {@code offered} comes before JSON. */
    public static boolean prefers(MediaType offered) {
        List<MediaType> acceptable = ACCEPTABLE.get();
        if (acceptable == null) {
            return false;
        }
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.isCompatible(offered)) {
                return true;
            }
        }
        return false;
    }
}

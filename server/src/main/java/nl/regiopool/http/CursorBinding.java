package nl.regiopool.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.regiopool.page.Cursors;

/**
 * Binds the request's cursors ({@link Cursors}) to the list it reads: its path and its query parameters other
 * than {@code cursor} (or {@code after}, the feed's) and {@code limit} (a client may change the page size between pages, not the filters).
 */
@PreMatching
@Priority(4)
public final class CursorBinding implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> PAGING = Set.of("cursor", "after", "limit");

    private final byte[] key;

    public CursorBinding(byte[] key) {
        this.key = key.clone();
    }

    /**
     * The cursor key: the configured {@code http.cursorSecret}, else one derived from the HS256 token secret (the
     * embedded profile). Nodes that share their configuration share it, so a cursor works on every node.
     */
    public static byte[] key(String cursorSecret, String tokenSecret) {
        if (cursorSecret != null && !cursorSecret.isBlank()) {
            return cursorSecret.getBytes(StandardCharsets.UTF_8);
        }
        if (tokenSecret == null || tokenSecret.isBlank()) {
            throw new IllegalStateException("Set http.cursorSecret: list cursors are signed with it, and there is no"
                    + " HS256 token secret to derive a key from.");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("regiopool list cursors".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Map<String, List<String>> filters = new TreeMap<>(request.getUriInfo().getQueryParameters(true));
        filters.keySet().removeAll(PAGING);
        Cursors.bind(key, request.getMethod() + " " + request.getUriInfo().getPath(true) + " " + filters);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Cursors.unbind();
    }
}

package nl.regiopool.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body the answer did not need is read and dropped before the answer goes out. Left unread, Jetty
 * closes the kept-alive connection after the response without a {@code Connection: close}, and a client that
 * sends its next request on it fails. Bodies over {@link #MAX_DISCARDED} are not read: the caller closes then.
 */
public final class UnreadBodies {

    public static final long MAX_DISCARDED = 64 * 1024;

    private UnreadBodies() {
    }

    /** True when the body was read to its end (or was already), false when the connection must close. */
    public static boolean discard(InputStream body) {
        try {
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total > MAX_DISCARDED) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

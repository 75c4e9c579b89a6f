package nl.regiopool.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque list cursors. A cursor encodes the sort key of the last row of a page; the next page
 * starts strictly after it, so every row is returned exactly once however the table grows.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static UUID decodeUuid(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return UUID.fromString(decode(cursor));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static Long decodeLong(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("query.cursor", "INVALID_CURSOR",
                "The cursor is not one this API returned; start again without it.");
    }
}

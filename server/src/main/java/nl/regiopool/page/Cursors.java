package nl.regiopool.page;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.regiopool.problem.ProblemException;

/**
 * Opaque list cursors. A cursor encodes the sort key of the last row of a page; the next page
 * starts strictly after it, so every row is returned exactly once however the table grows.
 * Each cursor carries a MAC under the server's cursor key over the sort key and the list it came from
 * (see {@link CursorBinding}), so a changed cursor, or one taken to another list, is {@code INVALID_CURSOR}.
 */
public final class Cursors {

    private static final int MAC_BYTES = 16;
    private static final ThreadLocal<Binding> BINDING = new ThreadLocal<>();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** The key cursors are signed with and the list (path and filters) the current request reads. */
    public record Binding(byte[] key, String list) {
    }

    private Cursors() {
    }

    /** Binds cursors made and read on this thread to a list, until {@link #unbind()}. */
    public static void bind(byte[] key, String list) {
        BINDING.set(new Binding(key, list));
    }

    public static void unbind() {
        BINDING.remove();
    }

    public static String encode(String lastKey) {
        return ENCODER.encodeToString(lastKey.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(lastKey));
    }

    public static String decode(String cursor) {
        int dot = cursor.indexOf('.');
        if (dot < 0) {
            throw invalid();
        }
        byte[] key = strictlyDecoded(cursor.substring(0, dot));
        byte[] given = strictlyDecoded(cursor.substring(dot + 1));
        String lastKey = new String(key, StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, mac(lastKey))) {
            throw invalid();
        }
        return lastKey;
    }

    /** Base64url as {@link #encode} writes it: another spelling of the same bytes (unused low bits set) is refused. */
    private static byte[] strictlyDecoded(String part) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            if (!ENCODER.encodeToString(bytes).equals(part)) {
                throw invalid();
            }
            return bytes;
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

    /** The sort key of a list in (instant, id) order, such as shifts by their start. */
    public record InstantAndId(java.time.Instant instant, UUID id) {
        public String key() {
            return instant + " " + id;
        }
    }

    public static InstantAndId decodeInstantAndId(String cursor) {
        if (cursor == null) {
            return null;
        }
        String key = decode(cursor);
        int space = key.indexOf(' ');
        try {
            return new InstantAndId(java.time.Instant.parse(key.substring(0, space)), UUID.fromString(key.substring(space + 1)));
        } catch (RuntimeException e) {
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

    private static byte[] mac(String lastKey) {
        Binding binding = BINDING.get();
        if (binding == null) {
            throw new IllegalStateException("No list is bound to this thread; CursorBinding binds one per request");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(binding.key(), "HmacSHA256"));
            mac.update(binding.list().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(lastKey.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("query.cursor", "INVALID_CURSOR",
                "The cursor is not one this list returned; start again without it.");
    }
}

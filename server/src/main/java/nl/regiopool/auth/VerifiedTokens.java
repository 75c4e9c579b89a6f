package nl.regiopool.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Callers of tokens that verified, by the SHA-256 of the token, until the token's expiry: a token sent again
 * skips decoding and its signature check. An entry counts only while the key that verified it is still the
 * key its source trusts for that key id ({@link KeySource#currentKey}), so a key the identity provider
 * removed or replaced stops its tokens here as soon as it does in the key source. Refusals are never kept.
 * Expiry is compared without the configured leeway: a token past {@code exp} is verified again in full.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    record Entry(Caller caller, long expiresAtMillis, String keyId, String algorithm, Object key) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    VerifiedTokens(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** The caller of this token if it verified before, has not expired and its key is still trusted. */
    Caller find(String token, KeySource keys) {
        Key key = Key.of(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clockMillis.getAsLong() >= entry.expiresAtMillis() || !stillTrusted(entry, keys)) {
            entries.remove(key, entry);
            return null;
        }
        return entry.caller();
    }

    void remember(String token, Entry entry) {
        if (clockMillis.getAsLong() >= entry.expiresAtMillis()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            long now = clockMillis.getAsLong();
            entries.values().removeIf(old -> now >= old.expiresAtMillis());
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(Key.of(token), entry);
    }

    int size() {
        return entries.size();
    }

    private static boolean stillTrusted(Entry entry, KeySource keys) {
        try {
            return Objects.equals(entry.key(), keys.currentKey(entry.keyId(), entry.algorithm()));
        } catch (TokenVerifier.InvalidTokenException e) {
            return false;
        }
    }

    /** The token's SHA-256: the map keeps no token that could be replayed from a heap dump. */
    private record Key(long a, long b, long c, long d) {

        static Key of(String token) {
            byte[] hash = sha256().digest(token.getBytes(StandardCharsets.UTF_8));
            return new Key(word(hash, 0), word(hash, 8), word(hash, 16), word(hash, 24));
        }

        private static long word(byte[] bytes, int from) {
            long value = 0;
            for (int i = from; i < from + 8; i++) {
                value = value << 8 | (bytes[i] & 0xff);
            }
            return value;
        }
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static MessageDigest sha256() {
        return SHA_256.get();
    }
}

package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verified-token cache: hits skip the signature, and nothing it keeps outlives the token or its key. */
class VerifiedTokensTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-long";

    @Test
    void aTokenSentAgainIsTheSameCallerFromTheCache() throws Exception {
        TokenVerifier verifier = new TokenVerifier(config());
        String token = token(SECRET, Instant.now().plusSeconds(300));

        Caller first = verifier.verify(token);
        Caller second = verifier.verify(token);

        assertThat(second).isSameAs(first);
        assertThat(second.tenant()).isEqualTo(TENANT);
        assertThat(verifier.rememberedTokens()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItVerifiedBefore() throws Exception {
        AuthConfig config = config();
        config.setLeewaySeconds(0);
        TokenVerifier verifier = new TokenVerifier(config);
        String token = token(SECRET, Instant.now().plusSeconds(2));
        verifier.verify(token);
        assertThat(verifier.rememberedTokens()).isEqualTo(1);

        Thread.sleep(2_200);

        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("expired");
        assertThat(verifier.rememberedTokens()).isZero();
    }

    @Test
    void aRefusalIsNeverRemembered() {
        TokenVerifier verifier = new TokenVerifier(config());
        String forged = token("another-secret-of-at-least-thirty-two-bytes", Instant.now().plusSeconds(300));
        String noTenant = JWT.create().withIssuer("iss").withAudience("aud").withSubject("bob")
                .withExpiresAt(Instant.now().plusSeconds(300)).withClaim("roles", List.of("coop_admin"))
                .sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> verifier.verify(forged)).hasMessageContaining("signature");
            assertThatThrownBy(() -> verifier.verify(noTenant)).hasMessageContaining("tenant");
        }
        assertThat(verifier.rememberedTokens()).isZero();
    }

    @Test
    void aRotatedKeyStopsTheTokensItVerified() throws Exception {
        RotatingKeys keys = new RotatingKeys(config(), SECRET);
        TokenVerifier verifier = new TokenVerifier(config(), keys, System::currentTimeMillis);
        String token = token(SECRET, Instant.now().plusSeconds(300));
        verifier.verify(token);
        verifier.verify(token);

        keys.rotate("the-next-secret-of-at-least-thirty-two-bytes");

        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("signature");
        assertThat(verifier.verify(token(keys.secret, Instant.now().plusSeconds(300))).tenant()).isEqualTo(TENANT);
    }

    @Test
    void theCacheStaysBounded() throws Exception {
        long[] now = {System.currentTimeMillis()};
        TokenVerifier verifier = new TokenVerifier(config(), new ConfiguredKeys(config()), () -> now[0]);
        Instant expiry = Instant.now().plusSeconds(300);
        for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            verifier.verify(JWT.create().withIssuer("iss").withAudience("aud").withSubject("user-" + i)
                    .withExpiresAt(expiry).withClaim("roles", List.of("coop_admin"))
                    .withClaim("tenant", TENANT.toString()).sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(verifier.rememberedTokens()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
    }

    /** An HS256 key that a test replaces, as an identity provider replaces a signing key. */
    private static final class RotatingKeys implements KeySource {

        private final AuthConfig config;
        private volatile String secret;
        private volatile JWTVerifier current;

        RotatingKeys(AuthConfig config, String secret) {
            this.config = config;
            rotate(secret);
        }

        void rotate(String next) {
            secret = next;
            current = TokenVerifier.verifier(config, Algorithm.HMAC256(next.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public JWTVerifier verifierFor(DecodedJWT token) {
            return current;
        }

        @Override
        public Object currentKey(String keyId, String algorithm) {
            return current;
        }
    }

    private static String token(String secret, Instant expiresAt) {
        return JWT.create().withIssuer("iss").withAudience("aud").withSubject("alice").withExpiresAt(expiresAt)
                .withClaim("roles", List.of("coop_admin")).withClaim("tenant", TENANT.toString())
                .sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static AuthConfig config() {
        AuthConfig config = new AuthConfig();
        config.setIssuer("iss");
        config.setAudience("aud");
        config.setAlgorithm(AuthConfig.Algorithm.HS256);
        config.setHmacSecret(SECRET);
        return config;
    }
}

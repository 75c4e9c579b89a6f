package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verifier on its own: pinned algorithms, key ids, and the key-confusion attack. */
class TokenVerifierTest {

    private static final UUID TENANT = UUID.randomUUID();

    @Test
    void rs256AcceptsOnlyItsKeyNeverAnHs256TokenSignedWithThePublicKey() throws Exception {
        KeyPair keys = keyPair("RSA");
        String pem = pem(keys);
        TokenVerifier verifier = new TokenVerifier(config(AuthConfig.Algorithm.RS256, Map.of("k1", pem)));

        Caller caller = verifier.verify(token().withKeyId("k1").sign(Algorithm.RSA256(null, (RSAPrivateKey) keys.getPrivate())));
        assertThat(caller.tenantId()).isEqualTo(TENANT);
        assertThat(caller.roles()).containsExactly(CallerRole.COOP_ADMIN);

        // key confusion: the attacker signs HS256 with the (public) PEM text as the secret
        String confused = token().withKeyId("k1").sign(Algorithm.HMAC256(pem.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> verifier.verify(confused)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
    }

    @Test
    void es256AcceptsOnlyItsOwnKey() throws Exception {
        KeyPair keys = keyPair("EC");
        KeyPair other = keyPair("EC");
        TokenVerifier verifier = new TokenVerifier(config(AuthConfig.Algorithm.ES256, Map.of("k1", pem(keys))));

        assertThat(verifier.verify(token().withKeyId("k1").sign(Algorithm.ECDSA256(null, (ECPrivateKey) keys.getPrivate())))
                .subject()).isEqualTo("alice");
        String forged = token().withKeyId("k1").sign(Algorithm.ECDSA256(null, (ECPrivateKey) other.getPrivate()));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
    }

    @Test
    void withSeveralKeysTheKeyIdChoosesAndAnUnknownOneIsRefused() throws Exception {
        KeyPair first = keyPair("RSA");
        KeyPair second = keyPair("RSA");
        TokenVerifier verifier = new TokenVerifier(config(AuthConfig.Algorithm.RS256,
                Map.of("first", pem(first), "second", pem(second))));

        assertThat(verifier.verify(token().withKeyId("second")
                .sign(Algorithm.RSA256(null, (RSAPrivateKey) second.getPrivate()))).subject()).isEqualTo("alice");
        String wrongKid = token().withKeyId("first").sign(Algorithm.RSA256(null, (RSAPrivateKey) second.getPrivate()));
        String unknownKid = token().withKeyId("third").sign(Algorithm.RSA256(null, (RSAPrivateKey) second.getPrivate()));
        String noKid = token().sign(Algorithm.RSA256(null, (RSAPrivateKey) second.getPrivate()));
        assertThatThrownBy(() -> verifier.verify(wrongKid)).hasMessageContaining("refused");
        assertThatThrownBy(() -> verifier.verify(unknownKid)).hasMessageContaining("key id");
        assertThatThrownBy(() -> verifier.verify(noKid)).hasMessageContaining("key id");
    }

    @Test
    void aConfigurationWithoutKeyMaterialDoesNotStart() {
        assertThatThrownBy(() -> new TokenVerifier(config(AuthConfig.Algorithm.HS256, Map.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TokenVerifier(config(AuthConfig.Algorithm.RS256, Map.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TokenIssuer(config(AuthConfig.Algorithm.RS256, Map.of())))
                .hasMessageContaining("HS256");
    }

    private static JWTCreator.Builder token() {
        return JWT.create().withIssuer("iss").withAudience("aud").withSubject("alice")
                .withExpiresAt(Instant.now().plusSeconds(300))
                .withClaim("roles", List.of("coop_admin")).withClaim("tenant", TENANT.toString());
    }

    private static AuthConfig config(AuthConfig.Algorithm algorithm, Map<String, String> keys) {
        AuthConfig config = new AuthConfig();
        config.setIssuer("iss");
        config.setAudience("aud");
        config.setAlgorithm(algorithm);
        config.setPublicKeys(keys);
        return config;
    }

    private static KeyPair keyPair(String type) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        generator.initialize(type.equals("RSA") ? 2048 : 256);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}

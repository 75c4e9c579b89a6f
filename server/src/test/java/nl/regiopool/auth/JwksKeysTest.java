package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.algorithms.Algorithm;
import io.dropwizard.util.Duration;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verifier with an identity provider's keys, against a local JWKS server: rotation, pinning, outages. */
class JwksKeysTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final long CACHE_MILLIS = 300;

    private final JwksServer provider = new JwksServer();
    private final JwksServer.SigningKey key1 = JwksServer.SigningKey.generate();
    private final JwksServer.SigningKey key2 = JwksServer.SigningKey.generate();

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void aTokenSignedWithEitherPublishedKeyIsAccepted() throws Exception {
        provider.publish(key1, key2);
        AuthConfig config = jwksConfig();
        config.setJwksCacheTime(Duration.minutes(10));
        TokenVerifier verifier = new TokenVerifier(config);

        assertThat(verifier.verify(token(key1)).tenantId()).isEqualTo(TENANT);
        assertThat(verifier.verify(token(key2)).roles()).containsExactly(CallerRole.COOP_ADMIN);
        assertThat(verifier.verify(token(key1)).subject()).isEqualTo("alice");
        assertThat(provider.jwksFetches()).as("each key id fetched once, then cached").isEqualTo(2);
    }

    @Test
    void anAddedKeyWorksAtOnceAndARemovedKeyStopsAfterTheCacheTime() throws Exception {
        provider.publish(key1, key2);
        TokenVerifier verifier = new TokenVerifier(jwksConfig());
        verifier.verify(token(key1));

        JwksServer.SigningKey key3 = JwksServer.SigningKey.generate();
        provider.publish(key2, key3);
        assertThat(verifier.verify(token(key3)).subject()).isEqualTo("alice");

        Thread.sleep(CACHE_MILLIS + 100);
        assertThatThrownBy(() -> verifier.verify(token(key1))).hasMessage("The token's key id is not known.");
        assertThat(verifier.verify(token(key3)).subject()).isEqualTo("alice");
    }

    @Test
    void theAlgorithmIsPinnedWhateverTheTokenSays() throws Exception {
        provider.publish(key1);
        TokenVerifier verifier = new TokenVerifier(jwksConfig());
        String unsigned = claims().withKeyId(key1.kid()).sign(Algorithm.none());
        String hmacWithTheKeyId = claims().withKeyId(key1.kid())
                .sign(Algorithm.HMAC256(key1.jwk().getBytes(StandardCharsets.UTF_8)));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String es256 = claims().withKeyId(key1.kid()).sign(Algorithm.ECDSA256(null, (ECPrivateKey) ec.generateKeyPair().getPrivate()));

        for (String token : List.of(unsigned, hmacWithTheKeyId, es256)) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenVerifier.InvalidTokenException.class)
                    .hasMessageContaining("not signed with RS256");
        }
        assertThat(provider.jwksFetches()).as("refused before any key is fetched").isZero();
    }

    @Test
    void anEs256PolicyRefusesAnRsaKeyEvenWhenTheTokenClaimsEs256() throws Exception {
        provider.publish(key1);
        AuthConfig config = jwksConfig();
        config.setAlgorithm(AuthConfig.Algorithm.ES256);
        TokenVerifier verifier = new TokenVerifier(config);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String es256 = claims().withKeyId(key1.kid()).sign(Algorithm.ECDSA256(null, (ECPrivateKey) ec.generateKeyPair().getPrivate()));

        assertThatThrownBy(() -> verifier.verify(es256)).hasMessageContaining("not for signing with ES256");
    }

    @Test
    void anUnreachableProviderFailsClosedAndRecovers() throws Exception {
        provider.publish(key1, key2);
        TokenVerifier verifier = new TokenVerifier(jwksConfig());
        verifier.verify(token(key1));

        provider.stop();
        assertThatThrownBy(() -> verifier.verify(token(key2))).hasMessageContaining("cannot be fetched right now");
        Thread.sleep(CACHE_MILLIS + 100);
        assertThatThrownBy(() -> verifier.verify(token(key1))).hasMessageContaining("cannot be fetched right now");

        provider.restart();
        assertThat(verifier.verify(token(key1)).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(key2)).subject()).isEqualTo("alice");
    }

    @Test
    void unknownKeyIdsAreFetchedWithinTheBudgetOnly() {
        provider.publish(key1);
        AuthConfig config = jwksConfig();
        config.setJwksFetchesPerMinute(2);
        TokenVerifier verifier = new TokenVerifier(config);

        for (int i = 0; i < 5; i++) {
            JwksServer.SigningKey madeUp = JwksServer.SigningKey.generate();
            assertThatThrownBy(() -> verifier.verify(token(madeUp))).hasMessage("The token's key id is not known.");
        }
        assertThat(provider.jwksFetches()).isEqualTo(2);
    }

    @Test
    void discoveryFindsTheKeysThroughTheIssuerOnceAndStartsWhileTheProviderIsDown() throws Exception {
        provider.publish(key1, key2);
        AuthConfig config = jwksConfig();
        config.setJwksUrl(null);
        config.setDiscovery(true);
        provider.stop();
        TokenVerifier verifier = new TokenVerifier(config);
        assertThatThrownBy(() -> verifier.verify(token(key1))).hasMessageContaining("cannot be fetched right now");

        provider.restart();
        assertThat(verifier.verify(token(key1)).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(key2)).subject()).isEqualTo("alice");
        assertThat(provider.discoveryFetches()).isEqualTo(1);
    }

    @Test
    void theIssuerAndAudienceAreCheckedAsWithConfiguredKeys() {
        provider.publish(key1);
        TokenVerifier verifier = new TokenVerifier(jwksConfig());

        assertThatThrownBy(() -> verifier.verify(key1.sign(JwksServer.claims("https://elsewhere.example")
                .withClaim("roles", List.of("coop_admin")).withClaim("tenant", TENANT.toString()))))
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> verifier.verify(key1.sign(claims().withAudience("another-api"))))
                .hasMessageContaining("audience");
    }

    @Test
    void aConfigurationThatCannotBeSafeDoesNotStart() {
        AuthConfig hmac = jwksConfig();
        hmac.setAlgorithm(AuthConfig.Algorithm.HS256);
        assertThatThrownBy(() -> new TokenVerifier(hmac)).hasMessageContaining("RS256");

        AuthConfig plainHttp = jwksConfig();
        plainHttp.setJwksUrl("http://idp.example.nl/jwks.json");
        assertThatThrownBy(() -> new TokenVerifier(plainHttp)).hasMessageContaining("https");

        AuthConfig plainDiscovery = jwksConfig();
        plainDiscovery.setJwksUrl(null);
        plainDiscovery.setDiscovery(true);
        plainDiscovery.setIssuer("http://idp.example.nl/realms/zorgpool");
        assertThatThrownBy(() -> new TokenVerifier(plainDiscovery)).hasMessageContaining("https");
    }

    private AuthConfig jwksConfig() {
        AuthConfig config = new AuthConfig();
        config.setIssuer(provider.issuer());
        config.setAudience("regiopool-api");
        config.setAlgorithm(AuthConfig.Algorithm.RS256);
        config.setJwksUrl(provider.jwksUrl());
        config.setJwksCacheTime(Duration.milliseconds(CACHE_MILLIS));
        config.setJwksFetchesPerMinute(600);
        config.setJwksTimeout(Duration.seconds(2));
        return config;
    }

    private com.auth0.jwt.JWTCreator.Builder claims() {
        return JwksServer.claims(provider.issuer()).withClaim("roles", List.of("coop_admin")).withClaim("tenant", TENANT.toString());
    }

    private String token(JwksServer.SigningKey key) {
        return key.sign(claims());
    }
}

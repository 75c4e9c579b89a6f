package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.MeApi;
import nl.regiopool.client.model.Me;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.Role;
import nl.regiopool.testing.Directories;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecCheckedApplication;
import nl.regiopool.testing.SpecConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running app configured for an OIDC identity provider the way a Keycloak realm is: keys found through the
 * issuer's discovery document, roles in {@code realm_access.roles}, the tenant in a claim of its own. The provider
 * is a local stub ({@link JwksServer}) whose keys the tests rotate and which they take down.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OidcApiTest {

    private static final long CACHE_MILLIS = 1000;
    private static final JwksServer PROVIDER = new JwksServer();
    private static final Path DATA = Directories.scratch("regiopool-oidc-");
    private static final DropwizardAppExtension<RegiopoolConfiguration> APP = new DropwizardAppExtension<>(
            SpecCheckedApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.embeddedDataDirectory", DATA.resolve("postgres").toString()),
            ConfigOverride.config("http.cursorSecret", "oidc-test-cursor-secret-0123456789"),
            ConfigOverride.config("auth.issuer", PROVIDER.issuer()),
            ConfigOverride.config("auth.discovery", "true"),
            ConfigOverride.config("auth.algorithm", "RS256"),
            ConfigOverride.config("auth.jwksCacheTime", CACHE_MILLIS + "ms"),
            ConfigOverride.config("auth.jwksFetchesPerMinute", "600"),
            ConfigOverride.config("auth.jwksTimeout", "2s"),
            ConfigOverride.config("auth.claims.roles", "realm_access.roles"),
            ConfigOverride.config("auth.claims.tenant", "regiopool_tenant"),
            ConfigOverride.config("auth.claims.ignoreUnknownRoles", "true"));

    private final UUID tenant = UUID.randomUUID();

    @AfterEach
    void responsesMatchTheSpec() {
        assertThat(SpecConformance.drainMismatches()).as("responses that do not match openapi.yaml").isEmpty();
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void tokensOfEitherPublishedKeyAreAcceptedWithTheirNestedRoles() throws Exception {
        JwksServer.SigningKey key1 = JwksServer.SigningKey.generate();
        JwksServer.SigningKey key2 = JwksServer.SigningKey.generate();
        PROVIDER.publish(key1, key2);

        Me first = me(token(key1));
        Me second = me(token(key2));

        assertThat(first.getRoles()).containsExactly(Role.COOP_ADMIN);
        assertThat(first.getTenantId()).isEqualTo(tenant);
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(PROVIDER.discoveryFetches()).as("the keys were found through the issuer").isEqualTo(1);
    }

    @Test
    void aRotationIsPickedUpWithoutARestart() throws Exception {
        JwksServer.SigningKey key1 = JwksServer.SigningKey.generate();
        JwksServer.SigningKey key2 = JwksServer.SigningKey.generate();
        PROVIDER.publish(key1, key2);
        me(token(key1));

        JwksServer.SigningKey key3 = JwksServer.SigningKey.generate();
        PROVIDER.publish(key2, key3);
        assertThat(me(token(key3)).getTenantId()).as("a new key works at once").isEqualTo(tenant);

        Thread.sleep(CACHE_MILLIS + 200);
        Problem refused = Problems.expectProblem(401, () -> me(token(key1)));
        assertThat(refused.getCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.getDetail()).isEqualTo("The token's key id is not known.");
        assertThat(me(token(key2)).getSubject()).isEqualTo("alice");
    }

    @Test
    void anUnreachableProviderIsA401NotA500AndTheServerRecoversWhenItIsBack() throws Exception {
        JwksServer.SigningKey key1 = JwksServer.SigningKey.generate();
        JwksServer.SigningKey key2 = JwksServer.SigningKey.generate();
        PROVIDER.publish(key1, key2);
        me(token(key1));

        PROVIDER.stop();
        try {
            Problem unknownKey = Problems.expectProblem(401, () -> me(token(key2)));
            assertThat(unknownKey.getDetail()).contains("signing keys cannot be fetched right now");
            Thread.sleep(CACHE_MILLIS + 200);
            Problem expiredKey = Problems.expectProblem(401, () -> me(token(key1)));
            assertThat(expiredKey.getCode()).isEqualTo("UNAUTHENTICATED");
        } finally {
            PROVIDER.restart();
        }

        assertThat(me(token(key1)).getSubject()).isEqualTo("alice");
        assertThat(me(token(key2)).getSubject()).isEqualTo("alice");
    }

    @Test
    void theAlgorithmStaysPinned() {
        JwksServer.SigningKey key = JwksServer.SigningKey.generate();
        PROVIDER.publish(key);
        String unsigned = claims().withKeyId(key.kid()).sign(com.auth0.jwt.algorithms.Algorithm.none());
        String hmac = claims().withKeyId(key.kid()).sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(key.jwk()));

        for (String token : List.of(unsigned, hmac)) {
            Problem refused = Problems.expectProblem(401, () -> me(token));
            assertThat(refused.getDetail()).contains("not signed with RS256");
        }
    }

    @Test
    void aTokenOfTheDevShapeIsNotReadAsHavingRoles() {
        JwksServer.SigningKey key = JwksServer.SigningKey.generate();
        PROVIDER.publish(key);
        String devShape = key.sign(JwksServer.claims(PROVIDER.issuer())
                .withClaim("roles", List.of("coop_admin")).withClaim("tenant", tenant.toString()));

        assertThat(Problems.expectProblem(401, () -> me(devShape)).getDetail()).isEqualTo("The token has no roles.");
    }

    private com.auth0.jwt.JWTCreator.Builder claims() {
        return JwksServer.claims(PROVIDER.issuer())
                .withClaim("realm_access", Map.of("roles", List.of("default-roles-zorgpool", "offline_access", "coop_admin")))
                .withClaim("regiopool_tenant", tenant.toString());
    }

    private String token(JwksServer.SigningKey key) {
        return key.sign(claims());
    }

    private static Me me(String token) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + APP.getLocalPort());
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new MeApi(client).getMe();
    }
}

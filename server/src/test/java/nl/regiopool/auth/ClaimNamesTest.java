package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Claims read under configured names: renamed, nested (Keycloak), and the defaults that dev tokens use. */
class ClaimNamesTest {

    private static final String SECRET = "claim-names-test-secret-0123456789-0123456789";
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();
    private static final UUID WORKER = UUID.randomUUID();

    @Test
    void theDefaultNamesReadTheTokensTheTokenCommandIssues() throws Exception {
        AuthConfig config = config(new ClaimNames());
        String token = new TokenIssuer(config).issue("alice", List.of("member", "worker"), TENANT, MEMBER, WORKER);

        Caller caller = new TokenVerifier(config).verify(token);

        assertThat(caller.roles()).containsExactlyInAnyOrder(CallerRole.MEMBER, CallerRole.WORKER);
        assertThat(caller.tenantId()).isEqualTo(TENANT);
        assertThat(caller.memberId()).isEqualTo(MEMBER);
        assertThat(caller.workerId()).contains(WORKER);
    }

    @Test
    void keycloakStyleNestedRolesAndRenamedClaims() throws Exception {
        ClaimNames names = keycloakNames();
        String token = sign(token()
                .withClaim("realm_access", Map.of("roles", List.of("offline_access", "member", "uma_authorization")))
                .withClaim("regiopool_tenant", TENANT.toString())
                .withClaim("regiopool_member", MEMBER.toString()));

        Caller caller = new TokenVerifier(config(names)).verify(token);

        assertThat(caller.roles()).containsExactly(CallerRole.MEMBER);
        assertThat(caller.tenantId()).isEqualTo(TENANT);
        assertThat(caller.memberId()).isEqualTo(MEMBER);
    }

    @Test
    void aDeeperPathSuchAsAClientsRolesIsFollowed() throws Exception {
        ClaimNames names = new ClaimNames();
        names.setRoles("resource_access.regiopool-api.roles");
        String token = sign(token().withClaim("tenant", TENANT.toString())
                .withClaim("resource_access", Map.of("regiopool-api", Map.of("roles", List.of("auditor")))));

        assertThat(new TokenVerifier(config(names)).verify(token).roles()).containsExactly(CallerRole.AUDITOR);
    }

    @Test
    void aClaimWhoseNameHasDotsIsReadWhole() throws Exception {
        ClaimNames names = new ClaimNames();
        names.setRoles("https://regiopool.nl/roles");
        String token = sign(token().withClaim("tenant", TENANT.toString())
                .withClaim("https://regiopool.nl/roles", List.of("coop_admin")));

        assertThat(new TokenVerifier(config(names)).verify(token).roles()).containsExactly(CallerRole.COOP_ADMIN);
    }

    @Test
    void refusalsNameTheConfiguredClaims() {
        ClaimNames names = keycloakNames();
        TokenVerifier verifier = new TokenVerifier(config(names));
        String onlyProviderRoles = sign(token().withClaim("regiopool_tenant", TENANT.toString())
                .withClaim("realm_access", Map.of("roles", List.of("offline_access"))));
        String noTenant = sign(token().withClaim("realm_access", Map.of("roles", List.of("coop_admin"))));
        String rolesNotAList = sign(token().withClaim("regiopool_tenant", TENANT.toString())
                .withClaim("realm_access", Map.of("roles", Map.of("admin", true))));
        String topLevelRolesOnly = sign(token().withClaim("regiopool_tenant", TENANT.toString())
                .withClaim("roles", List.of("coop_admin")));

        assertThatThrownBy(() -> verifier.verify(onlyProviderRoles)).hasMessage("The token has no roles.");
        assertThatThrownBy(() -> verifier.verify(noTenant)).hasMessage("The token has tenant roles but no regiopool_tenant claim.");
        assertThatThrownBy(() -> verifier.verify(rolesNotAList)).hasMessage("The token's roles claim is not a list of role names.");
        assertThatThrownBy(() -> verifier.verify(topLevelRolesOnly)).hasMessage("The token has no roles.");
    }

    @Test
    void unknownRolesAreRefusedUnlessConfiguredToBeIgnored() {
        String token = sign(token().withClaim("tenant", TENANT.toString()).withClaim("roles", List.of("coop_admin", "offline_access")));

        assertThatThrownBy(() -> new TokenVerifier(config(new ClaimNames())).verify(token)).hasMessage("Unknown role: offline_access");
    }

    @Test
    void pathsGoThroughObjectsOnly() {
        Map<String, Object> realmAccess = Map.of("roles", List.of("member"), "nested", Map.of("deeper", "value"));

        assertThat(ClaimPath.descend(realmAccess, List.of("roles"))).contains(List.of("member"));
        assertThat(ClaimPath.descend(realmAccess, List.of("nested", "deeper"))).contains("value");
        assertThat(ClaimPath.descend(realmAccess, List.of("roles", "0"))).isEmpty();
        assertThat(ClaimPath.descend(realmAccess, List.of("missing"))).isEmpty();
        assertThat(ClaimPath.descend("a string", List.of("roles"))).isEqualTo(Optional.empty());
        assertThat(ClaimPath.descend(realmAccess, List.of())).contains(realmAccess);
    }

    private static ClaimNames keycloakNames() {
        ClaimNames names = new ClaimNames();
        names.setRoles("realm_access.roles");
        names.setTenant("regiopool_tenant");
        names.setMember("regiopool_member");
        names.setIgnoreUnknownRoles(true);
        return names;
    }

    private static JWTCreator.Builder token() {
        return JWT.create().withIssuer("iss").withAudience("aud").withSubject("alice").withExpiresAt(Instant.now().plusSeconds(300));
    }

    private static String sign(JWTCreator.Builder token) {
        return token.sign(Algorithm.HMAC256(SECRET));
    }

    private static AuthConfig config(ClaimNames names) {
        AuthConfig config = new AuthConfig();
        config.setIssuer("iss");
        config.setAudience("aud");
        config.setHmacSecret(SECRET);
        config.setClaims(names);
        return config;
    }
}

package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecOperations;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation of the spec refuses every kind of bad token with 401 problem+json. */
class AuthApiTest extends ApiTest {

    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final java.security.interfaces.RSAPrivateKey RSA_KEY = rsaKey();
    private static UUID tenant;
    private static UUID worker;
    private static UUID foreignWorker;

    @BeforeAll
    static void cooperative() throws Exception {
        tenant = newCooperative();
        worker = new nl.regiopool.client.api.WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(newMember(tenant, "Praktijk Werkgever").getId(), "Sanne", "de Vries"), null)
                .getId();
        UUID elsewhere = newCooperative();
        foreignWorker = new nl.regiopool.client.api.WorkersApi(TestApp.client(TestApp.adminToken(elsewhere)))
                .createWorker(workerCreate(newMember(elsewhere, "Praktijk Elders").getId(), "Fleur", "Jansen"), null)
                .getId();
    }

    record BadToken(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadToken> badTokens() {
        Instant now = Instant.now();
        String tenantId = UUID.randomUUID().toString();
        Algorithm right = Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8));
        Algorithm wrong = Algorithm.HMAC256("another-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8));
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"regiopool-test\","
                + "\"aud\":\"regiopool-api\",\"sub\":\"mallory\",\"roles\":[\"coop_admin\"],\"tenant\":\"" + tenantId
                + "\",\"exp\":" + now.plusSeconds(600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                new BadToken("no token", null),
                new BadToken("garbage", "not.a.jwt"),
                new BadToken("expired", TestApp.expiredToken(UUID.fromString(tenantId))),
                new BadToken("alg none", header + "." + payload + "."),
                new BadToken("forged signature", base(now, tenantId).sign(wrong)),
                new BadToken("wrong issuer", base(now, tenantId).withIssuer("someone-else").sign(right)),
                new BadToken("wrong audience", base(now, tenantId).withAudience("other-api").sign(right)),
                new BadToken("not yet valid", base(now, tenantId).withNotBefore(now.plus(Duration.ofHours(1))).sign(right)),
                new BadToken("unknown key id", base(now, tenantId).withKeyId("rogue-key").sign(right)),
                new BadToken("missing tenant", base(now, null).sign(right)),
                new BadToken("tenant not a uuid", base(now, "coop-a").sign(right)),
                // the algorithm is pinned by configuration: the right secret under another HMAC is refused
                new BadToken("HS512 instead of HS256", base(now, tenantId)
                        .sign(Algorithm.HMAC512(SECRET.getBytes(StandardCharsets.UTF_8)))),
                new BadToken("RS256 instead of HS256", base(now, tenantId).sign(Algorithm.RSA256(null, RSA_KEY))),
                new BadToken("unknown role", base(now, tenantId).withClaim("roles", List.of("superuser")).sign(right)),
                new BadToken("member without member claim",
                        base(now, tenantId).withClaim("roles", List.of("member")).sign(right)),
                new BadToken("worker without worker claim",
                        base(now, tenantId).withClaim("roles", List.of("worker")).sign(right)),
                new BadToken("worker claim not a uuid", base(now, tenantId).withClaim("roles", List.of("worker"))
                        .withClaim("worker", "sanne").sign(right)),
                new BadToken("worker claim naming no worker of the cooperative", base(now, tenantId)
                        .withClaim("roles", List.of("worker")).withClaim("worker", UUID.randomUUID().toString()).sign(right)),
                new BadToken("no roles", base(now, tenantId).withClaim("roles", List.<String>of()).sign(right)),
                new BadToken("no expiry", JWT.create().withIssuer("regiopool-test").withAudience("regiopool-api")
                        .withSubject("x").withClaim("roles", List.of("coop_admin")).withClaim("tenant", tenantId).sign(right)));
    }

    /**
     * A fresh RSA key. Key confusion the other way round (an HS256 token signed with the public key
     * when RS256 is configured) needs an RS256 app; it is tested in {@link TokenVerifierTest}.
     */
    private static java.security.interfaces.RSAPrivateKey rsaKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (java.security.interfaces.RSAPrivateKey) generator.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.auth0.jwt.JWTCreator.Builder base(Instant now, String tenantId) {
        com.auth0.jwt.JWTCreator.Builder builder = JWT.create()
                .withIssuer("regiopool-test")
                .withAudience("regiopool-api")
                .withSubject("mallory")
                .withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(600))
                .withClaim("roles", List.of("coop_admin"));
        return tenantId == null ? builder : builder.withClaim("tenant", tenantId);
    }

    static Stream<Object[]> everyOperationWithEveryBadToken() {
        return SpecOperations.all().stream()
                .flatMap(operation -> badTokens().map(token -> new Object[] {operation, token}));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyOperationWithEveryBadToken")
    void isRefusedWith401(SpecOperations.Operation operation, BadToken token) {
        long members = rowCount("member");
        HttpResponse<String> response = Http.send(operation.method(), operation.samplePath(), token.token(),
                operation.sampleContentType(), operation.sampleBody());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = Problems.parse(response.body());
        assertThat(problem.getCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(rowCount("member")).isEqualTo(members);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        if (token.token() == null) {
            assertThat(challenge).isEqualTo("Bearer realm=\"regiopool\"");
        } else {
            assertThat(challenge).startsWith("Bearer realm=\"regiopool\", error=\"invalid_token\", error_description=\"");
        }
        assertThat(problem.getDetail()).as("in our words, not java-jwt's")
                .doesNotContain("Token's", "resulted invalid", "The Claim", "doesn't have", "can't be used", "Token has")
                .isNotBlank().containsIgnoringCase(EXPECTED_DETAIL.getOrDefault(token.name(), ""));
    }

    private static final java.util.Map<String, String> EXPECTED_DETAIL = java.util.Map.of(
            "expired", "has expired",
            "forged signature", "signature does not verify",
            "wrong issuer", "issuer",
            "wrong audience", "audience",
            "not yet valid", "not valid yet",
            "HS512 instead of HS256", "not signed with HS256",
            "RS256 instead of HS256", "not signed with HS256",
            "no expiry", "no 'exp' claim",
            "worker without worker claim", "no worker claim",
            "worker claim naming no worker of the cooperative", "names no worker of its cooperative");

    static Stream<Object[]> everyOperationWithARoleItDoesNotAllow() {
        return SpecOperations.all().stream().flatMap(operation -> Stream.of("operator", "coop_admin", "member", "auditor", "worker")
                .filter(role -> !operation.roles().contains(role))
                .map(role -> new Object[] {operation, role}));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyOperationWithARoleItDoesNotAllow")
    void isForbiddenForRolesTheSpecDoesNotList(SpecOperations.Operation operation, String role) {
        UUID member = UUID.randomUUID();
        String token = role.equals("worker") ? TestApp.workerToken(tenant, worker)
                : TestApp.token(role, role.equals("operator") ? null : tenant, role.equals("member") ? member : null);
        HttpResponse<String> response = Http.send(operation.method(), operation.samplePath(), token,
                operation.sampleContentType(), operation.sampleBody());

        // 403 before anything else: the body is not even read for a role that may not call this
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(Problems.parse(response.body()).getCode()).isEqualTo("FORBIDDEN");
    }

    static Stream<SpecOperations.Operation> everyMemberOperation() {
        return SpecOperations.all().stream().filter(operation -> operation.roles().contains("member"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMemberOperation")
    void aMemberClaimOfAnotherCooperativeIsForbiddenEverywhere(SpecOperations.Operation operation) throws Exception {
        UUID foreignMember = newMember(newCooperative(), "Praktijk Elders").getId();
        Map<String, Long> before = allRowCounts();
        HttpResponse<String> response = Http.send(operation.method(), operation.samplePath(),
                TestApp.memberToken(tenant, foreignMember), operation.sampleContentType(),
                operation.sampleBody(), "If-Match", "\"1\"");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(Problems.parse(response.body()).getCode()).isEqualTo("FORBIDDEN");
        assertThat(allRowCounts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.regiopool.testing.SpecOperations#all")
    void aWorkerClaimOfAnotherCooperativeIsRefusedEverywhere(SpecOperations.Operation operation) throws Exception {
        Map<String, Long> before = allRowCounts();
        HttpResponse<String> response = Http.send(operation.method(), operation.samplePath(),
                TestApp.workerToken(tenant, foreignWorker), operation.sampleContentType(), operation.sampleBody(),
                "If-Match", "\"1\"");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Problems.parse(response.body()).getCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(allRowCounts()).isEqualTo(before);
    }

    @Test
    void aMemberClaimNamingNoMemberOfTheTokensCooperativeIsRefused() throws Exception {
        UUID foreignMember = newMember(newCooperative(), "Praktijk Elders").getId();
        for (UUID claim : List.of(foreignMember, UUID.randomUUID())) {
            HttpResponse<String> response = Http.get("/v1/workers", TestApp.memberToken(tenant, claim));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(Problems.parse(response.body()).getCode()).isEqualTo("FORBIDDEN");
        }
        UUID ownMember = newMember(tenant, "Praktijk Hier").getId();
        assertThat(Http.get("/v1/workers", TestApp.memberToken(tenant, ownMember)).statusCode()).isEqualTo(200);
    }
}

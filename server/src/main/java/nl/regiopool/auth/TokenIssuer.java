package nl.regiopool.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs HS256 tokens for the embedded/dev profile (the {@code token} command, tests). */
public final class TokenIssuer {

    private final AuthConfig config;

    public TokenIssuer(AuthConfig config) {
        if (!config.hasDevSecret()) {
            throw new IllegalStateException(
                    "Dev tokens need auth.algorithm HS256 with auth.hmacSecret; this configuration has none.");
        }
        this.config = config;
    }

    public String issue(String subject, List<String> roles, UUID tenant, UUID member) {
        return issue(subject, roles, tenant, member, Duration.ofSeconds(config.getDevTokenLifetimeSeconds()));
    }

    public String issue(String subject, List<String> roles, UUID tenant, UUID member, Duration lifetime) {
        return issue(subject, roles, tenant, member, null, lifetime);
    }

    public String issue(String subject, List<String> roles, UUID tenant, UUID member, UUID worker) {
        return issue(subject, roles, tenant, member, worker, Duration.ofSeconds(config.getDevTokenLifetimeSeconds()));
    }

    public String issue(String subject, List<String> roles, UUID tenant, UUID member, UUID worker, Duration lifetime) {
        Instant now = Instant.now();
        JWTCreator.Builder builder = JWT.create()
                .withIssuer(config.getIssuer())
                .withAudience(config.getAudience())
                .withSubject(subject)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .withClaim("roles", roles);
        if (tenant != null) {
            builder.withClaim("tenant", tenant.toString());
        }
        if (member != null) {
            builder.withClaim("member", member.toString());
        }
        if (worker != null) {
            builder.withClaim("worker", worker.toString());
        }
        return builder.sign(Algorithm.HMAC256(config.getHmacSecret().getBytes(StandardCharsets.UTF_8)));
    }
}

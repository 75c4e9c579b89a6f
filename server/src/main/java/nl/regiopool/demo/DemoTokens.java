package nl.regiopool.demo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.regiopool.auth.TokenIssuer;

/** Dev tokens for the loader and for the person trying the demo, signed as the {@code token} command signs them. */
final class DemoTokens {

    /** Long enough to try the demo for a working week. */
    static final Duration PRINTED_LIFETIME = Duration.ofDays(7);
    private static final Duration LOADER_LIFETIME = Duration.ofHours(1);

    private final TokenIssuer issuer;

    DemoTokens(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    String operator() {
        return issuer.issue("demo-loader", List.of("operator"), null, null, null, LOADER_LIFETIME);
    }

    String admin(UUID tenant) {
        return issuer.issue("demo-loader", List.of("coop_admin"), tenant, null, null, LOADER_LIFETIME);
    }

    String worker(UUID tenant, UUID worker) {
        return issuer.issue("demo-worker-" + worker, List.of("worker"), tenant, null, worker, LOADER_LIFETIME);
    }

    String printed(String role, UUID tenant, UUID member, UUID worker) {
        return issuer.issue("demo-" + role, List.of(role), tenant, member, worker, PRINTED_LIFETIME);
    }
}

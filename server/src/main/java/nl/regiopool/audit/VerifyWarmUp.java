package nl.regiopool.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a chain of made-up events in memory once, on a background thread at start, so that the code that hashes
 * and canonicalizes a chain is compiled before an auditor's first verify needs it: otherwise that verify shares the
 * cores with the compiler, and on a small machine takes up to twice as long as the next.
 */
public final class VerifyWarmUp implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyWarmUp.class);
    static final int EVENTS = 60_000;
    private static final int PAGE = 2_000;

    private final ObjectMapper mapper;

    public VerifyWarmUp(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void start() {
        Thread thread = new Thread(() -> {
            try {
                long started = System.nanoTime();
                boolean intact = verify(chain(mapper, EVENTS));
                LOG.debug("Verify warmed up on {} events in {} ms (intact: {})", EVENTS,
                        (System.nanoTime() - started) / 1_000_000, intact);
            } catch (RuntimeException e) {
                LOG.warn("Warming up the chain verify failed; the first verify will be slower", e);
            }
        }, "audit-verify-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether the chain verifies from the genesis, page by page as the verify endpoint reads it. */
    static boolean verify(List<AuditDao.StoredEvent> chain) {
        ChainVerifier verifier = new ChainVerifier(0, ChainHash.GENESIS);
        for (int from = 0; from < chain.size(); from += PAGE) {
            verifier.accept(chain.subList(from, Math.min(chain.size(), from + PAGE)));
        }
        return !verifier.broken() && verifier.checked() == chain.size();
    }

    /** A sealed chain of placement-like events: created, then updated with both payloads. */
    static List<AuditDao.StoredEvent> chain(ObjectMapper mapper, int events) {
        UUID tenant = UUID.fromString("00000000-0000-7000-8000-00000000a0d1");
        Instant start = Instant.parse("2026-01-05T07:30:00.123456Z");
        List<AuditDao.StoredEvent> chain = new ArrayList<>(events);
        String previous = ChainHash.GENESIS;
        for (int i = 0; i < events; i++) {
            UUID id = new UUID(0x0190000000007000L | i, 0x8000000000000000L | i);
            UUID entity = new UUID(0x0190000000007000L | (i / 2), 0x8000000000000001L | i);
            byte[] after = payload(entity, i, "CONFIRMED");
            byte[] before = i % 2 == 0 ? null : payload(entity, i, "PLANNED");
            String digest = ChainHash.storedPayloadDigest(before, after);
            Instant occurred = start.plusMillis(1_337L * i);
            String action = before == null ? "placement.created" : "placement.confirmed";
            String hash = ChainHash.of(previous, tenant, id, i + 1, occurred, "member-admin@example.org",
                    List.of("member"), action, "placement", entity, digest, "req-" + i);
            chain.add(new AuditDao.StoredEvent(tenant, id, i + 1, OffsetDateTime.ofInstant(occurred, ZoneOffset.UTC),
                    "member-admin@example.org", new AuditDao.StoredRoles("{member}"), action, "placement", entity,
                    new AuditDao.StoredJson(mapper, before), new AuditDao.StoredJson(mapper, after), "req-" + i,
                    previous, hash, ChainHash.VERSION, digest, false, null));
            previous = hash;
        }
        return chain;
    }

    private static byte[] payload(UUID entity, int i, String status) {
        return ("{\"id\": \"" + entity + "\", \"kind\": \"SHIFT\", \"role\": \"DOKTERSASSISTENT\", \"status\": \""
                + status + "\", \"version\": " + (1 + i % 3) + ", \"endsAt\": \"2026-03-07T15:00:00+00:00\","
                + " \"startsAt\": \"2026-03-07T07:00:00+00:00\", \"breakMinutes\": 30, \"costLines\": [{\"kind\":"
                + " \"BASE\", \"hours\": 7.5, \"rateCents\": 3125, \"amountCents\": " + (23437 + i) + "}],"
                + " \"locationPostcode\": \"7001 AB\", \"note\": \"Zaterdagdienst \u00e9\u00e9n\", \"vatEligible\": true,"
                + " \"overriddenViolations\": null}").getBytes(StandardCharsets.UTF_8);
    }
}

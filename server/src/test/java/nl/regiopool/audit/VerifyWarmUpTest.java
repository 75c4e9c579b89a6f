package nl.regiopool.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyWarmUpTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theMadeUpChainVerifiesAsAStoredOneWould() {
        assertThat(VerifyWarmUp.verify(VerifyWarmUp.chain(mapper, VerifyWarmUp.EVENTS))).isTrue();
    }

    @Test
    void soTheWarmUpRunsTheWholeCheckAndNotAShortCut() {
        List<AuditDao.StoredEvent> chain = new ArrayList<>(VerifyWarmUp.chain(mapper, 5_000));
        AuditDao.StoredEvent event = chain.get(4_321);
        String tampered = new String(event.storedAfter().text(), StandardCharsets.UTF_8).replace("CONFIRMED", "CANCELLED");
        chain.set(4_321, new AuditDao.StoredEvent(event.tenantId(), event.id(), event.sequence(), event.occurredAt(),
                event.actorSubject(), event.storedRoles(), event.action(), event.entityType(), event.entityId(),
                event.storedBefore(), new AuditDao.StoredJson(mapper, tampered.getBytes(StandardCharsets.UTF_8)),
                event.requestId(), event.previousHash(), event.hash(), event.hashVersion(), event.payloadDigest(),
                event.redacted(), event.legacyHash()));
        assertThat(VerifyWarmUp.verify(chain)).isFalse();
    }
}

package nl.regiopool.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {

    private static final UUID TENANT = UUID.fromString("6f1c1b7e-2a3d-4c5e-8f90-123456789abc");
    private static final String HASH = "ab".repeat(32);
    private static final Instant AT = Instant.parse("2027-02-01T10:15:30.123456Z");

    private final String[] current = CheckpointSigner.newKeyPair();
    private final CheckpointSigner signer = CheckpointSigner.of(current[0], current[1], List.of());

    @Test
    void theSignedTextNamesTenantSequenceHashAndTime() {
        assertThat(CheckpointSigner.text(TENANT, 42, HASH, AT)).isEqualTo("regiopool-audit-checkpoint/v1\n"
                + TENANT + "\n42\n" + HASH + "\n2027-02-01T10:15:30.123456Z");
    }

    @Test
    void aSignatureHoldsForExactlyWhatWasSigned() {
        String signature = signer.sign(TENANT, 42, HASH, AT);
        assertThat(signer.holds(signer.keyId(), TENANT, 42, HASH, AT, signature)).isTrue();
        assertThat(signer.holds(signer.keyId(), TENANT, 43, HASH, AT, signature)).isFalse();
        assertThat(signer.holds(signer.keyId(), TENANT, 42, "cd".repeat(32), AT, signature)).isFalse();
        assertThat(signer.holds(signer.keyId(), TENANT, 42, HASH, AT.plusNanos(1000), signature)).isFalse();
        assertThat(signer.holds(signer.keyId(), UUID.randomUUID(), 42, HASH, AT, signature)).isFalse();
        assertThat(signer.holds(signer.keyId(), TENANT, 42, HASH, AT, "not base64!")).isFalse();
        assertThat(signer.holds("0000000000000000", TENANT, 42, HASH, AT, signature)).isFalse();
    }

    @Test
    void aRetiredKeyStillChecksWhatItSignedAndSignsNothingNew() {
        String signedBefore = signer.sign(TENANT, 7, HASH, AT);
        String[] next = CheckpointSigner.newKeyPair();
        CheckpointSigner rotated = CheckpointSigner.of(next[0], next[1], List.of(current[1]));
        assertThat(rotated.keyId()).isNotEqualTo(signer.keyId()).matches("[0-9a-f]{16}");
        assertThat(rotated.holds(signer.keyId(), TENANT, 7, HASH, AT, signedBefore)).isTrue();
        assertThat(rotated.holds(rotated.keyId(), TENANT, 7, HASH, AT, signedBefore)).isFalse();
        assertThat(rotated.publicKeyOf(signer.keyId())).contains(current[1]);
    }

    @Test
    void keysThatAreNotEd25519AreRefusedAtStart() {
        assertThatThrownBy(() -> CheckpointSigner.of("bm90IGEga2V5", current[1], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

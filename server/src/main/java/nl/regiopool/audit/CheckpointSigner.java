package nl.regiopool.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and checks audit checkpoints with Ed25519. The signed text is
 * {@code regiopool-audit-checkpoint/v1\n<tenant>\n<sequence>\n<hash>\n<signedAt>}, so anyone with the public key
 * can check a checkpoint without this code. Retired public keys still check the checkpoints they signed.
 */
public final class CheckpointSigner {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Map<String, PublicKey> known = new HashMap<>();

    CheckpointSigner(PrivateKey privateKey, PublicKey publicKey, List<PublicKey> retired) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
        retired.forEach(key -> known.put(keyId(key), key));
        known.put(keyId, publicKey);
    }

    /** From base64 PKCS#8 (private) and X.509 SubjectPublicKeyInfo (public) encodings. */
    public static CheckpointSigner of(String privateKey, String publicKey, List<String> retiredPublicKeys) {
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            return new CheckpointSigner(
                    keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey))),
                    publicKey(publicKey), retiredPublicKeys.stream().map(CheckpointSigner::publicKey).toList());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("audit checkpoint keys are not base64 Ed25519 PKCS#8 / X.509 keys", e);
        }
    }

    /** A new key pair, base64: the private key (PKCS#8) and the public key (X.509). */
    public static String[] newKeyPair() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new String[] {Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    static String text(UUID tenant, long sequence, String hash, Instant signedAt) {
        return "regiopool-audit-checkpoint/v1\n" + tenant + "\n" + sequence + "\n" + hash + "\n" + signedAt;
    }

    static String migrationText(UUID tenant, long legacySequence, String legacyHash, String hash, Instant at) {
        return "regiopool-audit-chain-migration/v1\n" + tenant + "\n" + legacySequence + "\n" + legacyHash + "\n"
                + hash + "\n" + at;
    }

    String sign(UUID tenant, long sequence, String hash, Instant signedAt) {
        return signText(text(tenant, sequence, hash, signedAt));
    }

    String signMigration(UUID tenant, long legacySequence, String legacyHash, String hash, Instant at) {
        return signText(migrationText(tenant, legacySequence, legacyHash, hash, at));
    }

    /** Whether a known key signed exactly this chain migration record. */
    boolean holdsMigration(String signedBy, UUID tenant, long legacySequence, String legacyHash, String hash,
                           Instant at, String signature) {
        return holdsText(signedBy, migrationText(tenant, legacySequence, legacyHash, hash, at), signature);
    }

    private String signText(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign an audit checkpoint", e);
        }
    }

    /** Whether a known key (current or retired) signed exactly this checkpoint. */
    boolean holds(String signedBy, UUID tenant, long sequence, String hash, Instant signedAt, String signature) {
        return holdsText(signedBy, text(tenant, sequence, hash, signedAt), signature);
    }

    private boolean holdsText(String signedBy, String text, String signature) {
        PublicKey key = known.get(signedBy);
        if (key == null) {
            return false;
        }
        try {
            Signature check = Signature.getInstance(ALGORITHM);
            check.initVerify(key);
            check.update(text.getBytes(StandardCharsets.UTF_8));
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    String keyId() {
        return keyId;
    }

    Optional<String> publicKeyOf(String signedBy) {
        return Optional.ofNullable(known.get(signedBy)).map(key -> Base64.getEncoder().encodeToString(key.getEncoded()));
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    private static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

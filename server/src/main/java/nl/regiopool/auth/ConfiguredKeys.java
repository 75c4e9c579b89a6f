package nl.regiopool.auth;

import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Keys written in the configuration: the HS256 secret, or {@code publicKeys} by key id. */
final class ConfiguredKeys implements KeySource {

    private final Map<String, JWTVerifier> verifiersByKeyId = new HashMap<>();
    private final JWTVerifier defaultVerifier;

    ConfiguredKeys(AuthConfig config) {
        if (config.getAlgorithm() == AuthConfig.Algorithm.HS256) {
            if (!config.hasDevSecret()) {
                throw new IllegalStateException("auth.algorithm HS256 needs auth.hmacSecret");
            }
            defaultVerifier = TokenVerifier.verifier(config,
                    Algorithm.HMAC256(config.getHmacSecret().getBytes(StandardCharsets.UTF_8)));
        } else {
            if (config.getPublicKeys().isEmpty()) {
                throw new IllegalStateException("auth.algorithm " + config.getAlgorithm()
                        + " needs auth.publicKeys, auth.jwksUrl or auth.discovery");
            }
            config.getPublicKeys().forEach((keyId, pem) -> verifiersByKeyId.put(keyId,
                    TokenVerifier.verifier(config, publicKeyAlgorithm(config.getAlgorithm(), pem))));
            defaultVerifier = verifiersByKeyId.size() == 1 ? verifiersByKeyId.values().iterator().next() : null;
        }
    }

    @Override
    public JWTVerifier verifierFor(DecodedJWT token) throws TokenVerifier.InvalidTokenException {
        return verifier(token.getKeyId());
    }

    /** The keys are fixed for the life of the process: a key id's verifier stands for its key. */
    @Override
    public Object currentKey(String keyId, String algorithm) throws TokenVerifier.InvalidTokenException {
        return verifier(keyId);
    }

    private JWTVerifier verifier(String keyId) throws TokenVerifier.InvalidTokenException {
        JWTVerifier verifier = keyId == null ? defaultVerifier : verifiersByKeyId.get(keyId);
        if (verifier == null) {
            throw new TokenVerifier.InvalidTokenException("The token's key id is not known.");
        }
        return verifier;
    }

    private static Algorithm publicKeyAlgorithm(AuthConfig.Algorithm algorithm, String pem) {
        PublicKey key = parsePublicKey(algorithm == AuthConfig.Algorithm.RS256 ? "RSA" : "EC", pem);
        return algorithm == AuthConfig.Algorithm.RS256
                ? Algorithm.RSA256((RSAPublicKey) key, null)
                : Algorithm.ECDSA256((ECPublicKey) key, null);
    }

    static PublicKey parsePublicKey(String keyType, String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("auth.publicKeys holds a key that is not a PEM " + keyType + " public key", e);
        }
    }
}

package nl.regiopool.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies bearer JWTs: signature with the configured algorithm and key (never the token's own
 * choice), issuer, audience, expiry and not-before, then the Regiopool claims.
 */
public final class TokenVerifier {

    private final Map<String, JWTVerifier> verifiersByKeyId = new HashMap<>();
    private final JWTVerifier defaultVerifier;
    private final AuthConfig.Algorithm algorithm;

    public TokenVerifier(AuthConfig config) {
        algorithm = config.getAlgorithm();
        if (config.getAlgorithm() == AuthConfig.Algorithm.HS256) {
            if (!config.hasDevSecret()) {
                throw new IllegalStateException("auth.algorithm HS256 needs auth.hmacSecret");
            }
            defaultVerifier = verifier(config, Algorithm.HMAC256(config.getHmacSecret().getBytes(StandardCharsets.UTF_8)));
        } else {
            if (config.getPublicKeys().isEmpty()) {
                throw new IllegalStateException("auth.algorithm " + config.getAlgorithm() + " needs auth.publicKeys");
            }
            config.getPublicKeys().forEach((keyId, pem) ->
                    verifiersByKeyId.put(keyId, verifier(config, publicKeyAlgorithm(config.getAlgorithm(), pem))));
            defaultVerifier = verifiersByKeyId.size() == 1 ? verifiersByKeyId.values().iterator().next() : null;
        }
    }

    private static JWTVerifier verifier(AuthConfig config, Algorithm algorithm) {
        return JWT.require(algorithm)
                .withIssuer(config.getIssuer())
                .withAudience(config.getAudience())
                .withClaimPresence("sub")
                .withClaimPresence("exp")
                .acceptLeeway(config.getLeewaySeconds())
                .build();
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

    /** The caller, or empty with the reason when the token must be refused (401). */
    public Caller verify(String token) throws InvalidTokenException {
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException("The token is not a well-formed JWT.");
        }
        JWTVerifier verifier = decoded.getKeyId() == null ? defaultVerifier : verifiersByKeyId.get(decoded.getKeyId());
        if (verifier == null) {
            throw new InvalidTokenException("The token's key id is not known.");
        }
        try {
            decoded = verifier.verify(decoded);
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException(reason(e));
        }
        return caller(decoded);
    }

    /** Why java-jwt refused the token, in our words (its own messages name its internals). */
    private String reason(JWTVerificationException refusal) {
        if (refusal instanceof AlgorithmMismatchException) {
            return "The token was refused: it is not signed with " + algorithm + ", the algorithm this server accepts.";
        }
        if (refusal instanceof SignatureVerificationException) {
            return "The token was refused: its signature does not verify with this server's key.";
        }
        if (refusal instanceof TokenExpiredException) {
            return "The token was refused: it has expired; get a new one.";
        }
        if (refusal instanceof MissingClaimException missing) {
            return "The token was refused: it has no '" + missing.getClaimName() + "' claim.";
        }
        if (refusal instanceof IncorrectClaimException incorrect) {
            return switch (incorrect.getClaimName()) {
                case "iss" -> "The token was refused: its issuer is not the one this server trusts.";
                case "aud" -> "The token was refused: it is not meant for this API (audience).";
                case "nbf" -> "The token was refused: it is not valid yet (not before).";
                case "iat" -> "The token was refused: it was issued in the future.";
                case "exp" -> "The token was refused: it has expired; get a new one.";
                default -> "The token was refused: its '" + incorrect.getClaimName() + "' claim is not valid.";
            };
        }
        return "The token was refused.";
    }

    private static Caller caller(DecodedJWT jwt) throws InvalidTokenException {
        List<String> roleClaims = jwt.getClaim("roles").asList(String.class);
        if (roleClaims == null || roleClaims.isEmpty()) {
            throw new InvalidTokenException("The token has no roles.");
        }
        Set<CallerRole> roles = EnumSet.noneOf(CallerRole.class);
        for (String claim : roleClaims) {
            roles.add(CallerRole.fromClaim(claim).orElseThrow(() -> new InvalidTokenException("Unknown role: " + claim)));
        }
        UUID tenant = uuidClaim(jwt, "tenant");
        UUID member = uuidClaim(jwt, "member");
        boolean tenantRole = roles.stream().anyMatch(role -> role != CallerRole.OPERATOR);
        if (tenantRole && tenant == null) {
            throw new InvalidTokenException("The token has tenant roles but no tenant claim.");
        }
        if (roles.contains(CallerRole.MEMBER) && member == null) {
            throw new InvalidTokenException("The token has the member role but no member claim.");
        }
        UUID worker = uuidClaim(jwt, "worker");
        if (roles.contains(CallerRole.WORKER) && worker == null) {
            throw new InvalidTokenException("The token has the worker role but no worker claim.");
        }
        // the claim means something only with the role: a token without it is nobody's own view
        return new Caller(jwt.getSubject(), tenant, Set.copyOf(roles), member,
                roles.contains(CallerRole.WORKER) ? worker : null);
    }

    private static UUID uuidClaim(DecodedJWT jwt, String name) throws InvalidTokenException {
        Claim claim = jwt.getClaim(name);
        if (claim.isMissing() || claim.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(claim.asString());
        } catch (RuntimeException e) {
            throw new InvalidTokenException("The " + name + " claim is not a UUID.");
        }
    }

    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}

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
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Verifies bearer JWTs: signature with the configured algorithm and key (never the token's own
 * choice; keys from the configuration or an identity provider's JWKS), issuer, audience, expiry and
 * not-before, then the Regiopool claims under their configured names ({@link ClaimNames}).
 */
public final class TokenVerifier {

    private final KeySource keys;
    private final Set<AuthConfig.Algorithm> algorithms;
    private final ClaimNames claimNames;
    private final VerifiedTokens verified;

    public TokenVerifier(AuthConfig config) {
        this(config, config.usesJwks() ? JwksKeys.of(config) : new ConfiguredKeys(config));
    }

    TokenVerifier(AuthConfig config, KeySource keys) {
        this(config, keys, System::currentTimeMillis);
    }

    TokenVerifier(AuthConfig config, KeySource keys, LongSupplier clockMillis) {
        this.keys = keys;
        this.verified = new VerifiedTokens(clockMillis);
        this.algorithms = config.usesJwks() ? config.acceptedAlgorithms() : Set.of(config.getAlgorithm());
        this.claimNames = config.getClaims();
    }

    static JWTVerifier verifier(AuthConfig config, Algorithm algorithm) {
        return JWT.require(algorithm)
                .withIssuer(config.getIssuer())
                .withAudience(config.getAudience())
                .withClaimPresence("sub")
                .withClaimPresence("exp")
                .acceptLeeway(config.getLeewaySeconds())
                .build();
    }

    /** The caller, or empty with the reason when the token must be refused (401). */
    public Caller verify(String token) throws InvalidTokenException {
        Caller known = verified.find(token, keys);
        if (known != null) {
            return known;
        }
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException("The token is not a well-formed JWT.");
        }
        JWTVerifier verifier = keys.verifierFor(decoded);
        try {
            decoded = verifier.verify(decoded);
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException(reason(e));
        }
        Caller caller = caller(decoded, claimNames);
        verified.remember(token, new VerifiedTokens.Entry(caller, decoded.getExpiresAtAsInstant().toEpochMilli(),
                decoded.getKeyId(), decoded.getAlgorithm(), keys.currentKey(decoded.getKeyId(), decoded.getAlgorithm())));
        return caller;
    }

    int rememberedTokens() {
        return verified.size();
    }

    /** Why java-jwt refused the token, in our words (its own messages name its internals). */
    private String reason(JWTVerificationException refusal) {
        if (refusal instanceof AlgorithmMismatchException) {
            return "The token was refused: it is not signed with "
                    + algorithms.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "))
                    + ", the algorithm this server accepts.";
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

    private static Caller caller(DecodedJWT jwt, ClaimNames names) throws InvalidTokenException {
        Set<CallerRole> roles = roles(jwt, names);
        UUID tenant = uuidClaim(jwt, names.getTenant());
        UUID member = uuidClaim(jwt, names.getMember());
        boolean tenantRole = roles.stream().anyMatch(role -> role != CallerRole.OPERATOR);
        if (tenantRole && tenant == null) {
            throw new InvalidTokenException("The token has tenant roles but no " + names.getTenant() + " claim.");
        }
        if (roles.contains(CallerRole.MEMBER) && member == null) {
            throw new InvalidTokenException("The token has the member role but no " + names.getMember() + " claim.");
        }
        UUID worker = uuidClaim(jwt, names.getWorker());
        if (roles.contains(CallerRole.WORKER) && worker == null) {
            throw new InvalidTokenException("The token has the worker role but no " + names.getWorker() + " claim.");
        }
        // the claim means something only with the role: a token without it is nobody's own view
        return new Caller(jwt.getSubject(), tenant, Set.copyOf(roles), member,
                roles.contains(CallerRole.WORKER) ? worker : null);
    }

    private static Set<CallerRole> roles(DecodedJWT jwt, ClaimNames names) throws InvalidTokenException {
        List<String> claims = roleClaims(ClaimPath.read(jwt, names.getRoles()).orElse(null));
        Set<CallerRole> roles = EnumSet.noneOf(CallerRole.class);
        for (String claim : claims) {
            Optional<CallerRole> role = CallerRole.fromClaim(claim);
            if (role.isPresent()) {
                roles.add(role.get());
            } else if (!names.isIgnoreUnknownRoles()) {
                throw new InvalidTokenException("Unknown role: " + claim);
            }
        }
        if (roles.isEmpty()) {
            throw new InvalidTokenException("The token has no roles.");
        }
        return roles;
    }

    /** A list of role names, or one role name on its own. */
    private static List<String> roleClaims(Object value) throws InvalidTokenException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String role) {
            return List.of(role);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new InvalidTokenException("The token's roles claim is not a list of role names.");
    }

    private static UUID uuidClaim(DecodedJWT jwt, String name) throws InvalidTokenException {
        Object value = ClaimPath.read(jwt, name).orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString((String) value);
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

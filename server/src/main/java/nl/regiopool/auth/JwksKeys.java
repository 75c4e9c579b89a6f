package nl.regiopool.auth;

import com.auth0.jwk.GuavaCachedJwkProvider;
import com.auth0.jwk.InvalidPublicKeyException;
import com.auth0.jwk.Jwk;
import com.auth0.jwk.JwkException;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.NetworkException;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keys of an OIDC identity provider, from its JWKS ({@link JwksLocation}). A key id is looked up in a cache
 * (jwks-rsa's {@link GuavaCachedJwkProvider}) that keeps each key for {@code auth.jwksCacheTime}; an id not in it
 * is fetched on demand ({@link FreshJwks}, at most {@code auth.jwksFetchesPerMinute}), so a key the provider
 * adds works at once and one it removes stops working after the cache time. Fails closed: a provider that cannot
 * be reached refuses every token whose key is not cached, and the next fetch after it is back succeeds.
 * The algorithm is pinned by {@code auth.algorithms}, never chosen by the token or the key set.
 */
final class JwksKeys implements KeySource {

    private static final int MAX_CACHED_KEYS = 100;

    private final AuthConfig config;
    private final Set<AuthConfig.Algorithm> accepted;
    private final JwkProvider keys;

    JwksKeys(AuthConfig config, JwkProvider keys) {
        this.config = config;
        this.accepted = config.acceptedAlgorithms();
        if (accepted.contains(AuthConfig.Algorithm.HS256)) {
            throw new IllegalStateException("auth.jwksUrl and auth.discovery take public keys: set auth.algorithm"
                    + " (or auth.algorithms) to RS256 and/or ES256");
        }
        this.keys = keys;
    }

    static JwksKeys of(AuthConfig config) {
        FreshJwks fresh = new FreshJwks(JwksLocation.of(config), new FetchBudget(config.getJwksFetchesPerMinute(), System::nanoTime),
                Math.toIntExact(config.getJwksTimeout().toMilliseconds()));
        return new JwksKeys(config, new GuavaCachedJwkProvider(fresh, MAX_CACHED_KEYS,
                Duration.ofMillis(config.getJwksCacheTime().toMilliseconds())));
    }

    @Override
    public JWTVerifier verifierFor(DecodedJWT token) throws TokenVerifier.InvalidTokenException {
        AuthConfig.Algorithm algorithm = acceptedAlgorithm(token.getAlgorithm());
        Jwk jwk = jwk(token.getKeyId());
        if (jwk.getUsage() != null && !"sig".equals(jwk.getUsage())
                || jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(token.getAlgorithm())) {
            throw new TokenVerifier.InvalidTokenException("The token was refused: its key is not for signing with "
                    + token.getAlgorithm() + ".");
        }
        return TokenVerifier.verifier(config, signature(algorithm, jwk));
    }

    /**
     * The key cache's entry for the key id: the same object until the cache lets it go, after which it is fetched
     * again (a removed key then refuses, a replaced one is another object).
     */
    @Override
    public Object currentKey(String keyId, String algorithm) throws TokenVerifier.InvalidTokenException {
        acceptedAlgorithm(algorithm);
        return jwk(keyId);
    }

    private Jwk jwk(String keyId) throws TokenVerifier.InvalidTokenException {
        try {
            return keys.get(keyId);
        } catch (NetworkException e) {
            throw new TokenVerifier.InvalidTokenException("The token could not be checked: the identity provider's"
                    + " signing keys cannot be fetched right now; try again shortly.");
        } catch (JwkException e) {
            throw new TokenVerifier.InvalidTokenException("The token's key id is not known.");
        }
    }

    private AuthConfig.Algorithm acceptedAlgorithm(String headerAlgorithm) throws TokenVerifier.InvalidTokenException {
        return accepted.stream().filter(candidate -> candidate.name().equals(headerAlgorithm)).findFirst()
                .orElseThrow(() -> new TokenVerifier.InvalidTokenException("The token was refused: it is not signed with "
                        + accepted.stream().map(Enum::name).collect(Collectors.joining(" or "))
                        + ", the algorithm this server accepts."));
    }

    private static Algorithm signature(AuthConfig.Algorithm algorithm, Jwk jwk) throws TokenVerifier.InvalidTokenException {
        PublicKey key;
        try {
            key = jwk.getPublicKey();
        } catch (InvalidPublicKeyException e) {
            throw new TokenVerifier.InvalidTokenException("The token was refused: its key is not a usable public key.");
        }
        if (algorithm == AuthConfig.Algorithm.RS256 && key instanceof RSAPublicKey rsa) {
            return Algorithm.RSA256(rsa, null);
        }
        if (algorithm == AuthConfig.Algorithm.ES256 && key instanceof ECPublicKey ec) {
            return Algorithm.ECDSA256(ec, null);
        }
        throw new TokenVerifier.InvalidTokenException("The token was refused: its key is not for signing with " + algorithm + ".");
    }
}

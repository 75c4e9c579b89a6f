package nl.regiopool.auth;

import com.auth0.jwk.Jwk;
import com.auth0.jwk.JwkException;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.RateLimitReachedException;
import com.auth0.jwk.SigningKeyNotFoundException;
import com.auth0.jwk.UrlJwkProvider;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key from a fresh fetch of the provider's JWKS, within the {@link FetchBudget}. Each call fetches:
 * jwks-rsa's {@code UrlJwkProvider.get} would answer from the last key set it saw, however old, so a key the
 * provider removed would go on working; caching is left to {@link JwksKeys}, which expires keys.
 */
final class FreshJwks implements JwkProvider {

    private static final Logger LOG = LoggerFactory.getLogger(FreshJwks.class);

    private final JwksLocation location;
    private final FetchBudget budget;
    private final int timeoutMillis;

    FreshJwks(JwksLocation location, FetchBudget budget, int timeoutMillis) {
        this.location = location;
        this.budget = budget;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Jwk get(String keyId) throws JwkException {
        if (!budget.take()) {
            throw new RateLimitReachedException(budget.millisUntilNext());
        }
        List<Jwk> keys;
        try {
            URL url = location.url();
            keys = new UrlJwkProvider(url, timeoutMillis, timeoutMillis).getAll();
        } catch (SigningKeyNotFoundException e) {
            LOG.warn("The identity provider's signing keys could not be fetched: {}", e.getMessage());
            throw e;
        }
        return find(keys, keyId).orElseThrow(() -> new SigningKeyNotFoundException("No key with id " + keyId, null));
    }

    /** The key with this id; without an id, the only key of a set of one. */
    static Optional<Jwk> find(List<Jwk> keys, String keyId) {
        if (keyId == null) {
            return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
        }
        return keys.stream().filter(key -> Objects.equals(keyId, key.getId())).findFirst();
    }
}

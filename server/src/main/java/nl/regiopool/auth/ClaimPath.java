package nl.regiopool.auth;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a configured claim name: the top-level claim of that whole name if there is one (namespaced claims
 * such as {@code https://example.nl/roles} contain dots), else the dotted path through nested objects.
 */
final class ClaimPath {

    private ClaimPath() {
    }

    static Optional<Object> read(DecodedJWT jwt, String name) {
        Claim whole = jwt.getClaim(name);
        if (!whole.isMissing()) {
            return value(whole);
        }
        List<String> path = Arrays.asList(name.split("\\.", -1));
        if (path.size() < 2) {
            return Optional.empty();
        }
        Claim top = jwt.getClaim(path.get(0));
        return top.isMissing() ? Optional.empty() : value(top).flatMap(object -> descend(object, path.subList(1, path.size())));
    }

    /** The value at the path below {@code value}, through JSON objects only. */
    static Optional<Object> descend(Object value, List<String> path) {
        Object current = value;
        for (String segment : path) {
            if (!(current instanceof Map<?, ?> object)) {
                return Optional.empty();
            }
            current = object.get(segment);
        }
        return Optional.ofNullable(current);
    }

    private static Optional<Object> value(Claim claim) {
        return claim.isNull() ? Optional.empty() : Optional.ofNullable(claim.as(Object.class));
    }
}

package nl.regiopool.auth;

import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.interfaces.DecodedJWT;

/** The verifier (pinned algorithm and key, issuer, audience) for a decoded but not yet verified token. */
interface KeySource {

    JWTVerifier verifierFor(DecodedJWT token) throws TokenVerifier.InvalidTokenException;

    /**
     * What stands for the key trusted now for this key id and algorithm (equal as long as that key is unchanged),
     * or a refusal when none is.
     */
    Object currentKey(String keyId, String algorithm) throws TokenVerifier.InvalidTokenException;
}

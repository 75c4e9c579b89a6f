package nl.regiopool.auth;

import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.interfaces.DecodedJWT;

/** The verifier (pinned algorithm and key, issuer, audience) for a decoded but not yet verified token. */
interface KeySource {

    JWTVerifier verifierFor(DecodedJWT token) throws TokenVerifier.InvalidTokenException;
}

package nl.regiopool.auth;

import com.auth0.jwk.NetworkException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Where the identity provider publishes its keys: the configured {@code auth.jwksUrl}, or the {@code jwks_uri} of
 * its OIDC discovery document at {@code <issuer>/.well-known/openid-configuration}. Discovery happens on the first
 * token, not at start, so the server starts while the provider is down; once it succeeded its answer is kept.
 * Key material travels over https only (http is accepted for loopback addresses, a provider on this machine).
 */
final class JwksLocation {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final Duration timeout;
    private volatile URL url;

    private JwksLocation(String issuer, URL url, Duration timeout) {
        this.issuer = issuer;
        this.url = url;
        this.timeout = timeout;
    }

    static JwksLocation of(AuthConfig config) {
        Duration timeout = Duration.ofMillis(config.getJwksTimeout().toMilliseconds());
        if (config.getJwksUrl() != null && !config.getJwksUrl().isBlank()) {
            return new JwksLocation(config.getIssuer(), url(secure("auth.jwksUrl", config.getJwksUrl())), timeout);
        }
        secure("auth.issuer (with auth.discovery)", config.getIssuer());
        return new JwksLocation(config.getIssuer(), null, timeout);
    }

    /** The JWKS address, discovering it first if that has not succeeded yet. */
    URL url() throws NetworkException {
        URL known = url;
        if (known == null) {
            known = discover();
            url = known;
        }
        return known;
    }

    static String discoveryAddress(String issuer) {
        return issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    }

    private URL discover() throws NetworkException {
        String address = discoveryAddress(issuer);
        JsonNode document;
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(timeout).build().send(
                    HttpRequest.newBuilder(URI.create(address)).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new NetworkException("OIDC discovery at " + address + " answered " + response.statusCode(), null);
            }
            document = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new NetworkException("OIDC discovery at " + address + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("OIDC discovery at " + address + " was interrupted", e);
        }
        return jwksUri(document, issuer, address);
    }

    /** The document's {@code jwks_uri}, provided it is the document of the configured issuer (OIDC Discovery §4.3). */
    static URL jwksUri(JsonNode document, String issuer, String address) throws NetworkException {
        if (document == null || !issuer.equals(document.path("issuer").asText(null))) {
            throw new NetworkException("OIDC discovery at " + address + " names another issuer than auth.issuer " + issuer, null);
        }
        String jwksUri = document.path("jwks_uri").asText(null);
        if (jwksUri == null) {
            throw new NetworkException("OIDC discovery at " + address + " has no jwks_uri", null);
        }
        try {
            return url(secure("jwks_uri of " + address, jwksUri));
        } catch (IllegalStateException e) {
            throw new NetworkException(e.getMessage(), null);
        }
    }

    /** The address, if it is https or http on a loopback host. */
    static URI secure(String setting, String address) {
        URI uri;
        try {
            uri = URI.create(address.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not a URL: " + address);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                && LOOPBACK.contains(uri.getHost().toLowerCase());
        if (uri.getHost() == null || !(https || localHttp)) {
            throw new IllegalStateException(setting + " must be an https URL (http only on a loopback address): " + address);
        }
        return uri;
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Not a URL: " + uri, e);
        }
    }
}

package nl.regiopool.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A stand-in identity provider on 127.0.0.1: a JWKS at {@code /jwks.json} with the keys published now, and an
 * OIDC discovery document for the issuer {@code <base>/realms/zorgpool}. It can be stopped and started again on
 * the same port, as a provider that goes down and comes back.
 */
final class JwksServer implements AutoCloseable {

    static final String REALM = "/realms/zorgpool";

    private final List<SigningKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger discoveryFetches = new AtomicInteger();
    private final int port;
    private HttpServer server;

    JwksServer() {
        server = start(0);
        port = server.getAddress().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String issuer() {
        return base() + REALM;
    }

    String jwksUrl() {
        return base() + "/jwks.json";
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    int discoveryFetches() {
        return discoveryFetches.get();
    }

    /** The JWKS holds exactly these keys from now on. */
    void publish(SigningKey... keys) {
        published.clear();
        published.addAll(Arrays.asList(keys));
    }

    synchronized void stop() {
        server.stop(0);
    }

    synchronized void restart() {
        server = start(port);
    }

    @Override
    public void close() {
        stop();
    }

    private HttpServer start(int onPort) {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            started.createContext("/jwks.json", exchange -> {
                jwksFetches.incrementAndGet();
                respond(exchange, "{\"keys\":[" + published.stream().map(SigningKey::jwk).collect(Collectors.joining(",")) + "]}");
            });
            started.createContext(REALM + "/.well-known/openid-configuration", exchange -> {
                discoveryFetches.incrementAndGet();
                respond(exchange, "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwksUrl()
                        + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
            });
            started.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** An RSA key pair with a fresh key id, as a provider holds it. */
    record SigningKey(String kid, KeyPair pair) {

        static SigningKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return new SigningKey("key-" + UUID.randomUUID(), generator.generateKeyPair());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Algorithm algorithm() {
            return Algorithm.RSA256(null, (RSAPrivateKey) pair.getPrivate());
        }

        String sign(JWTCreator.Builder token) {
            return token.withKeyId(kid).sign(algorithm());
        }

        String jwk() {
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\"" + base64Url(key.getModulus())
                    + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
        }

        private static String base64Url(BigInteger value) {
            byte[] bytes = value.toByteArray();
            if (bytes.length > 1 && bytes[0] == 0) {
                bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    static JWTCreator.Builder claims(String issuer) {
        return JWT.create().withIssuer(issuer).withAudience("regiopool-api").withSubject("alice")
                .withExpiresAt(java.time.Instant.now().plusSeconds(300));
    }
}

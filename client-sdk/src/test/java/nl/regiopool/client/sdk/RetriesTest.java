package nl.regiopool.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.model.Pool;
import nl.regiopool.client.model.PoolCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's token, idempotency key and retries, against a stub server on 127.0.0.1. */
class RetriesTest {

    private HttpServer server;
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile int refusalStatus = 429;

    @BeforeEach
    void stub() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/pools", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            if (refusals.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(refusalStatus, -1);
            } else {
                byte[] body = ("{\"id\":\"01a22a1e-1d44-7542-ab64-d0b79a8c659f\",\"name\":\"Flexpool\",\"allowedRoles\":[],"
                        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}").getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ApiClient client() {
        AtomicInteger issued = new AtomicInteger();
        return Regiopool.client("http://127.0.0.1:" + server.getAddress().getPort(), () -> "token-" + issued.incrementAndGet());
    }

    @Test
    void aPostGetsAKeyAndIsRetriedWithTheSameKeyAfterRetryAfter() throws Exception {
        refusals.set(2);
        Pool pool = new PoolsApi(client()).createPool(new PoolCreate().name("Flexpool"), null);
        assertThat(pool.getName()).isEqualTo("Flexpool");
        assertThat(keys).hasSize(3).doesNotContainNull();
        assertThat(keys.stream().distinct()).hasSize(1);
        assertThat(tokens).containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-1");
    }

    @Test
    void aKeyTheCallerGivesIsKeptAndEachWriteGetsItsOwn() throws Exception {
        PoolsApi pools = new PoolsApi(client());
        pools.createPool(new PoolCreate().name("A"), "mine-1");
        pools.createPool(new PoolCreate().name("B"), null);
        pools.createPool(new PoolCreate().name("C"), null);
        assertThat(keys.get(0)).isEqualTo("mine-1");
        assertThat(keys.stream().distinct()).hasSize(3);
    }

    @Test
    void a503IsRetriedForAKeyedPostAndGivenUpAfterTheLimit() throws Exception {
        refusalStatus = 503;
        refusals.set(10);
        try {
            new PoolsApi(client()).createPool(new PoolCreate().name("Flexpool"), null);
        } catch (nl.regiopool.client.ApiException e) {
            assertThat(e.getCode()).isEqualTo(503);
        }
        assertThat(keys).as("the first try and three retries").hasSize(4);
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(RetryingHttpClient.retryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryingHttpClient.retryAfter("Mon, 30 Nov 2026 10:00:12 GMT", now)).contains(Duration.ofSeconds(12));
        assertThat(RetryingHttpClient.retryAfter(null, now)).contains(Duration.ofSeconds(1));
        assertThat(RetryingHttpClient.retryAfter("soon", now)).contains(Duration.ofSeconds(1));
        assertThat(RetryingHttpClient.retryAfter("Mon, 30 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
    }
}

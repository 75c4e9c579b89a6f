package nl.regiopool.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PDOK Locatieserver stand-in on 127.0.0.1: answers {@code /free?q=<postcode>} with the centroid a test placed
 * there, an empty result for any other postcode, a 500 or a late answer when told to.
 */
public final class GeocoderStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    public GeocoderStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "geocoder-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/free", this::answer);
        server.start();
    }

    /** The URL template for {@code geocoder.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/free?q={postcode}&fq=type:postcode&rows=1";
    }

    /** The postcode (compact, e.g. {@code 7411AB}) is at this point. */
    public GeocoderStub place(String postcode, double latitude, double longitude) {
        answers.put(postcode, "{\"response\":{\"numFound\":1,\"start\":0,\"docs\":[{\"type\":\"postcode\",\"postcode\":\""
                + postcode + "\",\"centroide_ll\":\"POINT(" + longitude + " " + latitude + ")\"}]}}");
        return this;
    }

    /** Looking the postcode up fails with a 500. */
    public GeocoderStub failing(String postcode) {
        answers.put(postcode, "500");
        return this;
    }

    /** The answer for the postcode comes only after the client gave up. */
    public GeocoderStub slow(String postcode) {
        answers.put(postcode, "slow");
        return this;
    }

    /** The postcode answers with this body as it is. */
    public GeocoderStub raw(String postcode, String body) {
        answers.put(postcode, body);
        return this;
    }

    public int requests(String postcode) {
        return requests.getOrDefault(postcode, new AtomicInteger()).get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String postcode = query(exchange.getRequestURI(), "q");
        requests.computeIfAbsent(postcode, key -> new AtomicInteger()).incrementAndGet();
        String answer = answers.getOrDefault(postcode, "{\"response\":{\"numFound\":0,\"start\":0,\"docs\":[]}}");
        try (exchange) {
            if (answer.equals("slow")) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer = "{\"response\":{\"numFound\":0,\"start\":0,\"docs\":[]}}";
            }
            if (answer.equals("500")) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the client gave up (a slow answer): nothing to answer
        }
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name) && parts.length == 2) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

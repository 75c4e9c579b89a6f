package nl.regiopool.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** A webhook receiver on 127.0.0.1 that records every request and answers as the test tells it. */
final class Receiver implements AutoCloseable {

    /** One request as received: lower-case header names, the body as sent. */
    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** How the receiver answers a request. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(status(204));

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            try {
                answer.get().answer(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Received> received() {
        return received;
    }

    void answer(Answer next) {
        answer.set(next);
    }

    static Answer status(int status) {
        return exchange -> exchange.sendResponseHeaders(status, -1);
    }

    /** Fails {@code times} requests with 500, then answers 200. */
    static Answer failing(int times) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return exchange -> exchange.sendResponseHeaders(count.incrementAndGet() <= times ? 500 : 200, -1);
    }

    static Answer hanging() {
        return exchange -> {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static Answer redirecting(String to) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", to);
            exchange.sendResponseHeaders(302, -1);
        };
    }

    /** 200 with a body of 100 MB, streamed. */
    static Answer huge() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 100L * 1024 * 1024);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 1600; i++) {
                    body.write(chunk);
                }
            } catch (IOException e) {
                // the deliverer hung up, as it should
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

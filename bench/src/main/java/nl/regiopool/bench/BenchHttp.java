package nl.regiopool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.Executors;

/** JSON calls to the server under test on loopback, with a bearer token. */
final class BenchHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    BenchHttp(int port, int threads) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads, BenchHttp::daemon)).build();
    }

    /** The client's threads must not keep the JVM alive once the report is written. */
    static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    HttpResponse<String> send(String method, String path, String token, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return client.send(request.build(), body);
    }

    HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    /** The JSON answer of a call that must answer {@code status}. */
    JsonNode expect(int status, String method, String path, String token, String json, String... headers)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, token, json, headers);
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** A new cooperative, made through the API by a platform operator. */
    UUID newCooperative(String operatorToken, String slug) throws IOException, InterruptedException {
        return UUID.fromString(expect(201, "POST", "/v1/cooperatives", operatorToken,
                "{\"name\":\"Bench\",\"slug\":\"" + slug + "\"}").get("id").asText());
    }
}

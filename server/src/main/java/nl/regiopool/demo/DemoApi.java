package nl.regiopool.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** The demo loader's view of the API: JSON over HTTP on loopback, as any member system calls it. */
final class DemoApi {

    /** A response: its status, JSON body (missing when empty), ETag and created id. */
    record Answer(int status, JsonNode body, String etag) {
        UUID id() {
            return UUID.fromString(body.path("id").asText());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper;
    private final String baseUri;

    DemoApi(ObjectMapper mapper, String baseUri) {
        this.mapper = mapper;
        this.baseUri = baseUri;
    }

    Answer get(String token, String path) {
        return send(token, "GET", path, null, null, Set.of(200));
    }

    Answer post(String token, String path, Object body) {
        return send(token, "POST", path, body, null, Set.of(200, 201));
    }

    /** An action on a versioned object, against whatever version is current. */
    Answer act(String token, String path, Object body) {
        return send(token, "POST", path, body, "*", Set.of(200, 201));
    }

    Answer put(String token, String path, Object body) {
        return send(token, "PUT", path, body, "*", Set.of(200));
    }

    Answer patch(String token, String path, Object body) {
        return send(token, "PATCH", path, body, "*", Set.of(200));
    }

    /** A POST whose refusal the caller handles: any status comes back. */
    Answer attempt(String token, String path, Object body) {
        return send(token, "POST", path, body, null, null);
    }

    private Answer send(String token, String method, String path, Object body, String ifMatch, Set<Integer> expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? MissingNode.getInstance() : mapper.readTree(response.body());
            if (expected != null && !expected.contains(response.statusCode())) {
                throw new IllegalStateException("The demo load stopped: " + method + " " + path + " answered "
                        + response.statusCode() + " " + json);
            }
            return new Answer(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("The demo load could not reach the server at " + baseUri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The demo load was interrupted", e);
        }
    }
}

package nl.regiopool.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks postcodes up with a PDOK Locatieserver style search, all at once, within one deadline. Network only: the
 * cache is {@link Geocoding}'s.
 */
public final class Geocoder {

    private static final Pattern POINT = Pattern.compile(
            "^\\s*POINT\\s*\\(\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s+(-?[0-9]+(?:\\.[0-9]+)?)\\s*\\)\\s*$");

    /** What a lookup found: a location, that there is none, or nothing known (failed or too late). */
    public sealed interface Answer {
    }

    public record Found(Coordinates coordinates) implements Answer {
    }

    public record NotFound() implements Answer {
    }

    public record Failed(String why) implements Answer {
    }

    private final String urlTemplate;
    private final Duration timeout;
    private final HttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    public Geocoder(String urlTemplate, Duration timeout) {
        this.urlTemplate = urlTemplate;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Every postcode's answer; whatever has not answered when the timeout passes is {@link Failed}. */
    public Map<String, Answer> lookUp(Collection<String> postcodes) {
        Map<String, CompletableFuture<Answer>> pending = new LinkedHashMap<>();
        for (String postcode : postcodes) {
            pending.put(postcode, request(postcode));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Answer> answers = new LinkedHashMap<>();
        pending.forEach((postcode, future) -> {
            Answer answer;
            try {
                answer = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = new Failed("interrupted");
            } catch (Exception e) {
                future.cancel(true);
                answer = new Failed(e.toString());
            }
            answers.put(postcode, answer);
        });
        return answers;
    }

    private CompletableFuture<Answer> request(String postcode) {
        URI uri;
        try {
            uri = URI.create(urlTemplate.replace("{postcode}",
                    URLEncoder.encode(postcode.replace(" ", ""), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Failed("bad geocoder url: " + e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::answer)
                .exceptionally(e -> new Failed(e.toString()));
    }

    private Answer answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Failed("HTTP " + response.statusCode());
        }
        try {
            return parse(mapper.readTree(response.body()));
        } catch (Exception e) {
            return new Failed("unreadable answer: " + e.getMessage());
        }
    }

    /** The first document's {@code centroide_ll}; none when the search found nothing. */
    static Answer parse(JsonNode body) {
        JsonNode docs = body.path("response").path("docs");
        if (!docs.isArray()) {
            return new Failed("no response.docs");
        }
        if (docs.isEmpty()) {
            return new NotFound();
        }
        return point(docs.get(0).path("centroide_ll").asText(""))
                .<Answer>map(Found::new)
                .orElseGet(() -> new Failed("no centroide_ll POINT(lon lat)"));
    }

    static Optional<Coordinates> point(String wkt) {
        Matcher matcher = POINT.matcher(wkt);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Coordinates(Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

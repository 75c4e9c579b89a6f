package nl.regiopool.client.sdk;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import nl.regiopool.client.ApiClient;

/**
 * An {@link ApiClient} set up the way a member system should call Regiopool: a fresh bearer token from your
 * supplier on every request, an {@code Idempotency-Key} on every POST that has none, and retries of 429 and 503
 * answers after the {@code Retry-After} the server sends. Pass the client to any generated {@code *Api} class.
 *
 * <pre>{@code
 * ApiClient client = Regiopool.client("https://api.regiopool.nl", tokens::current);
 * PlacementsApi placements = new PlacementsApi(client);
 * }</pre>
 */
public final class Regiopool {

    private String baseUri;
    private Supplier<String> token;
    private int maxRetries = 3;
    private Duration maxRetryWait = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(30);

    private Regiopool() {
    }

    /** A client with the defaults: at most 3 retries, each waiting at most 30 s. */
    public static ApiClient client(String baseUri, Supplier<String> token) {
        return builder().baseUri(baseUri).token(token).build();
    }

    public static Regiopool builder() {
        return new Regiopool();
    }

    public Regiopool baseUri(String baseUri) {
        this.baseUri = baseUri;
        return this;
    }

    /** Called before every request; return a valid access token (refresh it in the supplier when it expires). */
    public Regiopool token(Supplier<String> token) {
        this.token = token;
        return this;
    }

    public Regiopool maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /** The longest wait before a retry; a longer Retry-After is not retried but returned as the error it is. */
    public Regiopool maxRetryWait(Duration maxRetryWait) {
        this.maxRetryWait = maxRetryWait;
        return this;
    }

    public Regiopool readTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
        return this;
    }

    public ApiClient build() {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(token, "token");
        HttpClient.Builder http = new RetryingHttpClient.Builder(ApiClient.createDefaultHttpClientBuilder(), maxRetries,
                maxRetryWait);
        ApiClient client = new ApiClient(http, ApiClient.createDefaultObjectMapper(), baseUri);
        client.setReadTimeout(readTimeout);
        Supplier<String> tokens = token;
        client.setRequestInterceptor(request -> {
            request.setHeader("Authorization", "Bearer " + tokens.get());
            addIdempotencyKey(request);
        });
        return client;
    }

    /** A POST without a key gets a new one; its retries are the same request, so they carry the same key. */
    static void addIdempotencyKey(HttpRequest.Builder request) {
        HttpRequest peek = request.copy().build();
        if (peek.method().equals("POST") && peek.headers().firstValue("Idempotency-Key").isEmpty()) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
    }
}

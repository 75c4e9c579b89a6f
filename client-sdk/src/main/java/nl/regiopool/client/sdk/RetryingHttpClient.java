package nl.regiopool.client.sdk;

import java.io.Closeable;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends a request again when the server answers 429 (always safe: it did nothing) or 503 (only for requests that
 * are safe to repeat: GET, HEAD, PUT, DELETE, or any request with an Idempotency-Key), after Retry-After.
 */
final class RetryingHttpClient extends HttpClient {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private final HttpClient delegate;
    private final int maxRetries;
    private final Duration maxWait;

    RetryingHttpClient(HttpClient delegate, int maxRetries, Duration maxWait) {
        this.delegate = delegate;
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int retry = 0; ; retry++) {
            HttpResponse<T> response = delegate.send(request, handler);
            Optional<Duration> wait = retry < maxRetries && retryable(request, response.statusCode())
                    ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                    : Optional.empty();
            if (wait.isEmpty() || wait.get().compareTo(maxWait) > 0) {
                return response;
            }
            if (response.body() instanceof Closeable body) {
                body.close();
            }
            Thread.sleep(wait.get().toMillis());
        }
    }

    static boolean retryable(HttpRequest request, int status) {
        if (status == 429) {
            return true;
        }
        if (status != 503) {
            return false;
        }
        return switch (request.method()) {
            case "GET", "HEAD", "PUT", "DELETE" -> true;
            default -> request.headers().firstValue("Idempotency-Key").isPresent();
        };
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110); absent or unreadable: one second. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT_WAIT);
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.of(DEFAULT_WAIT);
            }
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** The generated ApiClient builds its HttpClient from a builder; this one builds the retrying client. */
    static final class Builder implements HttpClient.Builder {

        private final HttpClient.Builder delegate;
        private final int maxRetries;
        private final Duration maxWait;

        Builder(HttpClient.Builder delegate, int maxRetries, Duration maxWait) {
            this.delegate = delegate;
            this.maxRetries = maxRetries;
            this.maxWait = maxWait;
        }

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            delegate.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new RetryingHttpClient(delegate.build(), maxRetries, maxWait);
        }
    }
}

package nl.regiopool.ops;

import io.prometheus.metrics.core.metrics.Histogram;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.regiopool.http.RequestLabels;

/**
 * Times every request of the application port into one histogram labelled with the spec's operationId (set
 * by {@link RequestLabels} once Jersey matched the request; {@code none} for a path of no operation) and the
 * status class. Its {@code _count} is the request count.
 */
public final class RequestMetrics implements Filter {

    static final String NO_OPERATION = "none";
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Histogram histogram = Histogram.builder()
            .name("regiopool_http_request_duration_seconds")
            .help("Requests of the API by operationId and status class, with their latency")
            .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
            .labelNames("operation", "status")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .withoutExemplars()
            .build();

    Histogram histogram() {
        return histogram;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            double seconds = (System.nanoTime() - started) / 1e9;
            Object operation = request.getAttribute(RequestLabels.OPERATION_ID);
            histogram.labelValues(operation instanceof String id ? id : NO_OPERATION,
                    statusClass(((HttpServletResponse) response).getStatus())).observe(seconds);
        }
    }

    static String statusClass(int status) {
        int hundreds = status / 100;
        return hundreds >= 1 && hundreds <= 5 ? STATUS_CLASSES[hundreds - 1] : "other";
    }
}

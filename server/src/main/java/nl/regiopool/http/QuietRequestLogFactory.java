package nl.regiopool.http;

import ch.qos.logback.access.jetty.RequestLogImpl;
import io.dropwizard.request.logging.RequestLogFactory;
import org.eclipse.jetty.server.RequestLog;

/**
 * The configured request log, without logback-access's print of its start-up status to standard output. That
 * print includes a false warning in the shaded jar: logback-access reads its own version from its jar's manifest,
 * which shading replaces, and reports the unknown version as a mismatch.
 */
public final class QuietRequestLogFactory implements RequestLogFactory<RequestLog> {

    private final RequestLogFactory<?> configured;

    public QuietRequestLogFactory(RequestLogFactory<?> configured) {
        this.configured = configured;
    }

    @Override
    public boolean isEnabled() {
        return configured.isEnabled();
    }

    @Override
    public RequestLog build(String name) {
        RequestLog log = configured.build(name);
        if (log instanceof RequestLogImpl logback) {
            logback.setQuiet(true);
        }
        return log;
    }
}

package nl.regiopool.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A servlet filter (tests only) that validates every response the server sends against
 * {@code api-spec/openapi.yaml}, so code and spec cannot drift. Mismatches are collected and
 * asserted empty after each test.
 */
public final class SpecConformance implements Filter {

    public static final Path SPEC = Path.of("..", "api-spec", "openapi.yaml").toAbsolutePath().normalize();
    private static final List<String> MISMATCHES = new CopyOnWriteArrayList<>();
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(SPEC.toUri().toString())
            .withLevelResolver(LevelResolver.create()
                    // unknown routes and methods are answered with problems that the spec cannot list
                    .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                    .withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    public static List<String> drainMismatches() {
        List<String> found = List.copyOf(MISMATCHES);
        MISMATCHES.clear();
        return found;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        CapturingResponse capture = new CapturingResponse((HttpServletResponse) response);
        chain.doFilter(request, capture);
        capture.flushBuffer();
        validate(http, capture);
    }

    private static void validate(HttpServletRequest request, CapturingResponse response) {
        Request.Method method;
        try {
            method = Request.Method.valueOf(request.getMethod());
        } catch (IllegalArgumentException e) {
            return;
        }
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatus());
        for (String name : response.getHeaderNames()) {
            builder.withHeader(name, List.copyOf(response.getHeaders(name)));
        }
        byte[] body = response.body();
        if (body.length > 0) {
            builder.withBody(new String(body, StandardCharsets.UTF_8));
        }
        ValidationReport report = VALIDATOR.validateResponse(request.getRequestURI(), method, builder.build());
        if (report.hasErrors()) {
            MISMATCHES.add(request.getMethod() + " " + request.getRequestURI() + " -> " + response.getStatus()
                    + ": " + report.getMessages());
        }
    }

    private static final class CapturingResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        CapturingResponse(HttpServletResponse response) {
            super(response);
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return copy.toByteArray();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream original = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return original.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        original.setWriteListener(listener);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        copy.write(b);
                        original.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        copy.write(b, off, len);
                        original.write(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        original.flush();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new java.io.OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }
    }
}

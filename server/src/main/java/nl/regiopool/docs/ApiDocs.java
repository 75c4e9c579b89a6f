package nl.regiopool.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.regiopool.auth.OperationRoles;
import nl.regiopool.http.RequestIds;

/**
 * The published contract ({@code /openapi.yaml} as packaged, {@code /openapi.json} the same document as JSON) and
 * a Swagger UI page at {@code /docs} that loads it, served from the classpath (no CDN) and without a token:
 * nothing here is more than the contract says. The page's "Try it out" calls this server with the bearer token
 * entered under Authorize. {@code /} redirects to the page. Served beside Jersey, so the API's token and rate
 * filters never see these paths; other methods than GET and HEAD answer 405 as problem+json.
 */
public final class ApiDocs extends HttpServlet {

    public static final String PAGE = "/docs";
    public static final String ALLOW = "GET, HEAD, OPTIONS";
    /** The files of the Swagger UI jar the page uses, under {@code /docs/}. */
    private static final Map<String, String> SWAGGER_UI_FILES = Map.of(
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    /**
     * Swagger UI runs from this server's files only. Its stylesheet draws icons from {@code data:} images and
     * React sets inline styles; it runs no inline script and calls no other host.
     */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, DocsFile> files;
    private final String pageTemplate;

    private ApiDocs(Map<String, DocsFile> files, String pageTemplate) {
        this.files = files;
        this.pageTemplate = pageTemplate;
    }

    /** The paths served here, for the filter that answers OPTIONS and unserved methods before anything else. */
    public static List<String> paths() {
        List<String> paths = new java.util.ArrayList<>(List.of("/", PAGE, "/openapi.yaml", "/openapi.json", "/docs/docs.js"));
        SWAGGER_UI_FILES.keySet().forEach(name -> paths.add(PAGE + "/" + name));
        return paths;
    }

    public static void install(Environment environment) {
        ApiDocs docs = fromClasspath();
        environment.servlets().addServlet("api-docs", docs)
                .addMapping("", PAGE, PAGE + "/*", "/openapi.yaml", "/openapi.json");
    }

    static ApiDocs fromClasspath() {
        byte[] yaml = DocsFile.read(OperationRoles.SPEC_RESOURCE);
        Map<String, DocsFile> files = new LinkedHashMap<>();
        files.put("/openapi.yaml", DocsFile.of(yaml, "application/yaml; charset=utf-8"));
        files.put("/openapi.json", DocsFile.of(asJson(yaml), "application/json"));
        files.put("/docs/docs.js", DocsFile.resource("nl/regiopool/docs/docs.js", "text/javascript; charset=utf-8"));
        String swaggerUi = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        SWAGGER_UI_FILES.forEach((name, type) -> files.put(PAGE + "/" + name, DocsFile.resource(swaggerUi + name, type)));
        String page = new String(DocsFile.read("nl/regiopool/docs/docs.html"), StandardCharsets.UTF_8);
        return new ApiDocs(Map.copyOf(files), page);
    }

    private static byte[] asJson(byte[] yaml) {
        try {
            return new ObjectMapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.ByteArrayInputStream(
                    DocsFile.read("META-INF/maven/org.webjars/swagger-ui/pom.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Set.of("GET", "HEAD").contains(request.getMethod())) {
            response.setHeader("Allow", ALLOW);
            response.sendError(405, "The API documentation is read with GET.");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader(RequestIds.HEADER, RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER)));
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.isEmpty() || path.equals("/")) {
            response.sendRedirect(request.getContextPath() + PAGE);
        } else if (path.equals(PAGE)) {
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            response.setHeader("Referrer-Policy", "no-referrer");
            send(request, response, DocsFile.of(page(request.getContextPath()), "text/html; charset=utf-8"));
        } else if (files.containsKey(path)) {
            send(request, response, files.get(path));
        } else {
            response.sendError(404, "There is no such resource.");
        }
    }

    private byte[] page(String contextPath) {
        return pageTemplate.replace("{{base}}", contextPath).getBytes(StandardCharsets.UTF_8);
    }

    /** Always revalidated (the files change with a new version of the server), 304 when unchanged. */
    private static void send(HttpServletRequest request, HttpServletResponse response, DocsFile file) throws IOException {
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", file.etag());
        if (file.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(file.contentType());
        response.setContentLength(file.content().length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(file.content());
        }
    }
}

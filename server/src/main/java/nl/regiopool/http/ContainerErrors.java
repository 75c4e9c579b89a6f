package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;
import nl.regiopool.problem.Problems;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before the request reaches the application (a suspicious path character, a URL or
 * header too long, a request it cannot parse): problem+json with a request id like every other answer, instead of
 * an HTML page or an empty body. Installed on the server and on the application's servlet context.
 */
public final class ContainerErrors extends ErrorHandler {

    private final ObjectMapper mapper;

    public ContainerErrors(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String requestId = RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body(code, message, requestId)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = UUID.randomUUID().toString();
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE));
        fields.put(RequestIds.HEADER, requestId);
        return ByteBuffer.wrap(body(status, reason, requestId));
    }

    private byte[] body(int status, String message, String requestId) {
        String title = HttpStatus.getMessage(status);
        String code = status >= 500 ? "INTERNAL_ERROR" : title.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_");
        String detail = status >= 500 || message == null || message.isBlank()
                ? "The request was refused before it reached the API." : message;
        try {
            return mapper.writeValueAsBytes(Problems.of(status, code, title, detail, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

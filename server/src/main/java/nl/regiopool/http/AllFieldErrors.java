package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.problem.ProblemException;

/**
 * A JSON request body that data binding refuses for a field answers 422 with every invalid field of the
 * body (see {@link BodyFields}), not only the first one binding met. The body is kept in memory (it is
 * small: {@link RequestSizeLimit} caps it) so that it can be read a second time as a tree.
 */
public final class AllFieldErrors implements ReaderInterceptor {

    private final ObjectMapper mapper;
    private final BodyFields fields;

    public AllFieldErrors(ObjectMapper mapper, BodyFields fields) {
        this.mapper = mapper;
        this.fields = fields;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!BodyFields.isModel(context.getType()) || context.getMediaType() == null
                || !context.getMediaType().getSubtype().endsWith("json")) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        try {
            return context.proceed();
        } catch (JsonMappingException refused) {
            if (ProblemMappers.OfJson.unreadable(refused) != null || ProblemMappers.bodyTooLarge(refused) != null
                    || refused instanceof RefusedText || refused instanceof InvalidNullException) {
                // text or nulls the API never takes have their own problem (RequestJson); they are not field lists
                throw refused;
            }
            List<FieldError> errors = everyError(body, context.getType());
            if (errors.isEmpty()) {
                throw refused;
            }
            throw ProblemException.invalid(errors);
        }
    }

    private List<FieldError> everyError(byte[] body, Class<?> model) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException unreadable) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
        return fields.errors(tree, model);
    }
}

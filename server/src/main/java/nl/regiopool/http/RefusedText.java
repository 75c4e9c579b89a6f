package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.function.Function;
import nl.regiopool.problem.ProblemException;

/**
 * A JSON string the API will not take (see {@link Text}). A mapping exception, so Jackson adds the path of the
 * field on its way out; the problem is made once the path is known.
 */
public final class RefusedText extends JsonMappingException {

    private final transient Function<String, ProblemException> problem;

    RefusedText(JsonParser parser, String message, Function<String, ProblemException> problem) {
        super(parser, message);
        this.problem = problem;
    }

    public ProblemException problem(String field) {
        return problem.apply(field);
    }
}

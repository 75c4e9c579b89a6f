package nl.regiopool.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Map;
import nl.regiopool.problem.ProblemException;

/**
 * The text {@link Text} refuses in a JSON string is refused in the path, the query and the headers too; and a
 * query parameter given with an empty value ({@code ?limit=}) is an error, not taken for an absent one.
 */
@PreMatching
@Priority(3)
public final class RequestText implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        if (Text.hasNul(path) || Text.hasLoneSurrogate(path)) {
            throw new ProblemException(400, "INVALID_PATH", "Invalid path", "The path holds a character no id or name has.");
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            String field = "query." + parameter.getKey();
            for (String value : parameter.getValue()) {
                if (value.isEmpty()) {
                    throw ProblemException.invalid(field, "EMPTY_VALUE",
                            "The parameter has an empty value; leave it out to use its default.");
                }
                ProblemException refused = Text.refusal(field, value);
                if (refused != null) {
                    throw refused;
                }
            }
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                ProblemException refused = Text.refusal("header." + header.getKey(), value);
                if (refused != null) {
                    throw refused;
                }
            }
        }
    }
}

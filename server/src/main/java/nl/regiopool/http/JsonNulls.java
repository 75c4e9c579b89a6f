package nl.regiopool.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Leaves null fields out of the given generated models instead of sending {@code null}. OpenAPI 3.0 expresses a
 * nullable reference as {@code nullable: true} next to {@code allOf: [$ref]}, which the spec validator (and
 * other tools) reject for a null value; an absent optional field means the same and validates everywhere.
 */
public final class JsonNulls {

    private JsonNulls() {
    }

    public static void omit(ObjectMapper mapper, Class<?>... models) {
        for (Class<?> model : models) {
            mapper.addMixIn(model, OmitNulls.class);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private abstract static class OmitNulls {
    }
}

package nl.regiopool.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.regiopool.api.model.Worker;

/**
 * Workers leave out the fields the caller may not see instead of sending null: an enum such as
 * {@code contractType} cannot be null under OpenAPI 3.0 without leaking null into the enum itself.
 */
public final class WorkerJson {

    private WorkerJson() {
    }

    public static void configure(ObjectMapper mapper) {
        mapper.addMixIn(Worker.class, OmitAbsent.class);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private abstract static class OmitAbsent {
    }
}

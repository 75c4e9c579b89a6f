package nl.regiopool.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.JSON;
import nl.regiopool.client.model.Problem;
import org.assertj.core.api.ThrowableAssert;

/** Asserting on problem+json answers received through the SDK. */
public final class Problems {

    private Problems() {
    }

    public static Problem expectProblem(int status, ThrowableAssert.ThrowingCallable call) {
        ApiException error = catchThrowableOfType(ApiException.class, call);
        assertThat(error).as("expected HTTP %d", status).isNotNull();
        assertThat(error.getCode()).as("status; body: %s", error.getResponseBody()).isEqualTo(status);
        assertThat(error.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = parse(error.getResponseBody());
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getRequestId()).isNotBlank();
        assertThat(problem.getType()).startsWith("https://regiopool.nl/problems/");
        return problem;
    }

    public static Problem expectProblem(int status, String code, ThrowableAssert.ThrowingCallable call) {
        Problem problem = expectProblem(status, call);
        assertThat(problem.getCode()).isEqualTo(code);
        return problem;
    }

    public static Problem parse(String body) {
        try {
            return JSON.getDefault().getMapper().readValue(body, Problem.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

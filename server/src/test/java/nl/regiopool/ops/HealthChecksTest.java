package nl.regiopool.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** The admin port's /healthcheck: the database, the migration state and every background job. */
class HealthChecksTest {

    private static final List<String> CHECKS = List.of("postgresql", "migrations", "job-agreement-expiry",
            "job-applicant-retention", "job-staffing-request-expiry", "job-webhook-deliverer");

    @Test
    void theDatabaseTheMigrationsAndEveryJobAreHealthy() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + TestApp.APP.getAdminPort() + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode checks = new ObjectMapper().readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (String check : CHECKS) {
            assertThat(checks.path(check).path("healthy").asBoolean()).as(check + ": " + checks.path(check)).isTrue();
        }
        assertThat(checks.path("migrations").path("message").asText()).matches("all \\d+ changesets applied");
    }

    @Test
    void aChangesetOfThePackagedChangelogThatWasNotAppliedIsUnhealthy() {
        Set<String> packaged = MigrationState.packagedChangeSets();
        assertThat(packaged).contains("regiopool:070-migration-state-readable").hasSizeGreaterThan(10);
        Set<String> ahead = new TreeSet<>(packaged);
        ahead.add("regiopool:999-not-yet-applied");

        HealthCheck.Result result = new MigrationState(application().jdbi(), ahead).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("1 of " + ahead.size() + " changesets not applied")
                .contains("regiopool:999-not-yet-applied");
        assertThat(new MigrationState(application().jdbi(), packaged).execute().isHealthy()).isTrue();
    }

    private static RegiopoolApplication application() {
        return TestApp.APP.getApplication();
    }
}

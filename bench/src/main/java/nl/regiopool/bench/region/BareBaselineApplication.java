package nl.regiopool.bench.region;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;

/**
 * The floor under the API: a plain Dropwizard server whose {@code GET /v1/placements} returns a fixed
 * page (bytes of a real 50-placement page, from the file in system property {@code bench.page}) with no
 * authentication, no database, no row-level security and no audit. What the real endpoint costs above
 * this is what our layers cost.
 */
public final class BareBaselineApplication extends Application<Configuration> {

    public static void main(String[] args) throws Exception {
        new BareBaselineApplication().run(args);
    }

    @Override
    public void run(Configuration configuration, Environment environment) throws Exception {
        byte[] page = Files.readAllBytes(java.nio.file.Path.of(System.getProperty("bench.page")));
        environment.jersey().register(new FixedPage(page));
    }

    @Path("/v1/placements")
    public static final class FixedPage {

        private final byte[] page;

        FixedPage(byte[] page) {
            this.page = page;
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public byte[] page() {
            return page;
        }
    }
}

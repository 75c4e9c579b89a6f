package nl.regiopool.testing;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;

/** The real application plus the response-validating filter. */
public final class SpecCheckedApplication extends RegiopoolApplication {

    @Override
    public void run(RegiopoolConfiguration configuration, Environment environment) {
        environment.servlets().addFilter("spec-conformance", new SpecConformance())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        super.run(configuration, environment);
    }
}

package nl.regiopool.auth;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.List;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import nl.regiopool.RegiopoolConfiguration;

/** {@code token --role R [--tenant T] [--member M] [config.yml]}: prints a dev token on its last line. */
public final class TokenCommand extends ConfiguredCommand<RegiopoolConfiguration> {

    public TokenCommand() {
        super("token", "Prints a signed dev token (embedded/dev profile with an HS256 secret only)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--role").dest("roles").action(net.sourceforge.argparse4j.impl.Arguments.append())
                .required(true).help("operator, coop_admin, member or auditor (repeatable)");
        subparser.addArgument("--tenant").dest("tenant").help("cooperative id");
        subparser.addArgument("--member").dest("member").help("member id, for the member role");
        subparser.addArgument("--subject").dest("subject").setDefault("dev-user").help("the sub claim");
    }

    @Override
    protected void run(Bootstrap<RegiopoolConfiguration> bootstrap, Namespace namespace,
                       RegiopoolConfiguration configuration) {
        List<String> roles = namespace.getList("roles");
        for (String role : roles) {
            if (Role.fromClaim(role).isEmpty()) {
                throw new IllegalArgumentException("Unknown role " + role + "; use operator, coop_admin, member or auditor");
            }
        }
        DevSecret.applyIfNeeded(configuration);
        TokenIssuer issuer = new TokenIssuer(configuration.getAuth());
        String token = issuer.issue(namespace.getString("subject"), roles,
                uuid(namespace.getString("tenant")), uuid(namespace.getString("member")));
        System.out.println(token);
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}

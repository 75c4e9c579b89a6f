package nl.regiopool.auth;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import nl.regiopool.RegiopoolConfiguration;

/**
 * {@code token --role R [--tenant T] [--member M] [--worker W] [config.yml]}: prints a dev token on its last line, signed with
 * the secret the server uses (see {@link DevSecret}). It never makes a secret, and it refuses tokens the server
 * would refuse for lack of a claim: a tenant role without {@code --tenant}, {@code member} without {@code --member},
 * {@code worker} without {@code --worker}.
 */
public final class TokenCommand extends ConfiguredCommand<RegiopoolConfiguration> {

    private final PrintStream out;

    public TokenCommand() {
        this(System.out);
    }

    TokenCommand(PrintStream out) {
        super("token", "Prints a signed dev token (embedded/dev profile with an HS256 secret only)");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--role").dest("roles").action(Arguments.append())
                .required(true).help("operator, coop_admin, member, auditor or worker (repeatable)");
        subparser.addArgument("--tenant").dest("tenant").help("cooperative id (every role but operator)");
        subparser.addArgument("--member").dest("member").help("member id (the member role)");
        subparser.addArgument("--worker").dest("worker").help("worker id (the worker role)");
        subparser.addArgument("--subject").dest("subject").setDefault("dev-user").help("the sub claim");
    }

    @Override
    protected void run(Bootstrap<RegiopoolConfiguration> bootstrap, Namespace namespace,
                       RegiopoolConfiguration configuration) {
        List<String> roles = namespace.getList("roles");
        UUID tenant = uuid("--tenant", namespace.getString("tenant"));
        UUID member = uuid("--member", namespace.getString("member"));
        UUID worker = uuid("--worker", namespace.getString("worker"));
        for (String claim : roles) {
            CallerRole role = CallerRole.fromClaim(claim).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown role " + claim + "; use operator, coop_admin, member, auditor or worker."));
            if (role != CallerRole.OPERATOR && tenant == null) {
                throw new IllegalArgumentException("The " + claim + " role acts in one cooperative: pass --tenant <cooperative id>.");
            }
            if (role == CallerRole.MEMBER && member == null) {
                throw new IllegalArgumentException("The member role acts for one member: pass --member <member id>.");
            }
            if (role == CallerRole.WORKER && worker == null) {
                throw new IllegalArgumentException("The worker role is one worker: pass --worker <worker id>.");
            }
        }
        DevSecret.applyExisting(configuration);
        String token = new TokenIssuer(configuration.getAuth()).issue(namespace.getString("subject"), roles, tenant, member, worker);
        out.println(token);
    }

    /** A refusal is a sentence for the user, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private static UUID uuid(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " takes a UUID, e.g. 0190a1b2-0000-7000-8000-000000000001; got " + value + ".");
        }
    }
}

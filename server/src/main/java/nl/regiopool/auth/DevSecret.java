package nl.regiopool.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import nl.regiopool.RegiopoolConfiguration;

/**
 * The embedded/dev profile signs HS256 tokens with a secret that the server makes on first start and keeps
 * beside the embedded database, so no secret is written in the repository and the {@code token} command and
 * the server agree without configuration. Only the server creates it; the {@code token} command reads it.
 * Like every relative path in the configuration, {@code database.embeddedDataDirectory} is taken relative to
 * the working directory.
 */
public final class DevSecret {

    private DevSecret() {
    }

    /** Whether this configuration signs with the dev secret file (HS256, no configured secret, embedded database). */
    public static boolean isNeeded(RegiopoolConfiguration configuration) {
        AuthConfig auth = configuration.getAuth();
        return auth.getAlgorithm() == AuthConfig.Algorithm.HS256 && !auth.hasDevSecret()
                && configuration.getDatabase().isEmbedded();
    }

    /** Where the server keeps the dev secret: beside the embedded data directory. */
    public static Path file(RegiopoolConfiguration configuration) {
        return Path.of(configuration.getDatabase().getEmbeddedDataDirectory()).toAbsolutePath().normalize()
                .getParent().resolve("dev-hmac-secret");
    }

    /** For the server: reads the dev secret into the configuration, making it first when there is none. */
    public static void applyIfNeeded(RegiopoolConfiguration configuration) {
        if (!isNeeded(configuration)) {
            return;
        }
        Path file = file(configuration);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.writeString(file, HexFormat.of().formatHex(secret), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the dev token secret " + file, e);
        }
        read(configuration, file);
    }

    /**
     * For the {@code token} command: reads the secret the server made, and never makes one (a token signed with
     * a new secret would be refused by the running server).
     *
     * @throws IllegalStateException naming the file when the server has not made it
     */
    public static void applyExisting(RegiopoolConfiguration configuration) {
        if (!isNeeded(configuration)) {
            return;
        }
        Path file = file(configuration);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No dev token secret at " + file + ". The server makes it on its first "
                    + "start with this configuration; start the server first, or run this command from the directory "
                    + "the server runs in (relative paths in the configuration are relative to the working directory).");
        }
        read(configuration, file);
    }

    private static void read(RegiopoolConfiguration configuration, Path file) {
        try {
            configuration.getAuth().setHmacSecret(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the dev token secret " + file, e);
        }
    }
}

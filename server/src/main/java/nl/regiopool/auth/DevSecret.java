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
 * The embedded/dev profile signs HS256 tokens with a secret that is made on first start and kept
 * beside the embedded database, so no secret is written in the repository and the {@code token}
 * command and the server agree without configuration.
 */
public final class DevSecret {

    private DevSecret() {
    }

    public static void applyIfNeeded(RegiopoolConfiguration configuration) {
        AuthConfig auth = configuration.getAuth();
        if (auth.getAlgorithm() != AuthConfig.Algorithm.HS256 || auth.hasDevSecret()
                || !configuration.getDatabase().isEmbedded()) {
            return;
        }
        Path file = Path.of(configuration.getDatabase().getEmbeddedDataDirectory()).toAbsolutePath()
                .getParent().resolve("dev-hmac-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.writeString(file, HexFormat.of().formatHex(secret), StandardCharsets.US_ASCII);
            }
            auth.setHmacSecret(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the dev token secret " + file, e);
        }
    }
}

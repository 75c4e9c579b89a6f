package nl.regiopool.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.regiopool.RegiopoolConfiguration;

/**
 * With the embedded database and no configured checkpoint key, the server makes an Ed25519 key pair on first start
 * and keeps it beside the data directory, as it does the dev token secret, so checkpoints are signed out of the box
 * and keep checking across restarts. A real deployment configures its own key.
 */
public final class DevCheckpointKey {

    private DevCheckpointKey() {
    }

    public static void applyIfNeeded(RegiopoolConfiguration configuration) {
        AuditConfig audit = configuration.getAudit();
        if (audit.hasCheckpointKey() || !configuration.getDatabase().isEmbedded()) {
            return;
        }
        Path file = Path.of(configuration.getDatabase().getEmbeddedDataDirectory()).toAbsolutePath().normalize()
                .getParent().resolve("dev-checkpoint-key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                String[] pair = CheckpointSigner.newKeyPair();
                Files.writeString(file, pair[0] + "\n" + pair[1] + "\n", StandardCharsets.US_ASCII);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            audit.setCheckpointKeys(lines.get(0).trim(), lines.get(1).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make or read the dev checkpoint key " + file, e);
        }
    }
}

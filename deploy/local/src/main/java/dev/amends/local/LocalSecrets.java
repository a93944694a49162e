package dev.amends.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** LOCAL DEVELOPMENT ONLY: random secrets generated once and kept in the stack's data folder. */
public final class LocalSecrets {

    private final Path folder;

    public LocalSecrets(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The secret of that name, generated (256 random bits, hex) the first time it is asked for. */
    public String get(String name) throws IOException {
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            Files.createDirectories(folder);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, HexFormat.of().formatHex(secret));
        }
        return Files.readString(file).trim();
    }
}

package dev.amends.common.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses to start with a JWT set-up that would fail later: without an issuer SmallRye JWT does
 * not check it at all, and a missing key file would turn every request into a 500.
 */
@ApplicationScoped
public class JwtConfigurationCheck {

    void check(@Observes StartupEvent startup,
               @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
               @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        if (issuer.isEmpty() || issuer.get().isBlank()) {
            throw new IllegalStateException("Set MP_JWT_VERIFY_ISSUER (mp.jwt.verify.issuer): the token issuer is always checked.");
        }
        String location = keyLocation.orElseThrow(() -> new IllegalStateException(
                "Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (mp.jwt.verify.publickey.location) to the token verification key."));
        Path file = localFile(location);
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalStateException("The JWT verification key " + location + " cannot be read.");
        }
    }

    private static Path localFile(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        if (location.contains("://") || location.startsWith("classpath:")) {
            return null;
        }
        return Path.of(location);
    }
}

package dev.amends.intake.service;

import dev.amends.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The customer's pseudonym in events: {@code version + ":" + hex(HMAC-SHA256(secret, source + "\n" + id))}.
 * The same customer of the same source always gets the same customerRef; nobody can reverse it.
 */
@ApplicationScoped
public class CustomerRefs {

    private final SecretKeySpec key;
    private final String version;

    public CustomerRefs(IntakeConfig config) {
        this.key = new SecretKeySpec(config.customerRef().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.version = config.customerRef().version();
    }

    public String of(String source, String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((source + "\n" + customerId).getBytes(StandardCharsets.UTF_8));
            return version + ":" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

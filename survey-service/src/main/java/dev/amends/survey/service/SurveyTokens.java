package dev.amends.survey.service;

import dev.amends.survey.config.SurveyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Survey links. A token is HMAC-SHA256(secret, seed) with a 128-bit random seed per invitation:
 * the same invitation always gives the same link (resends, reminders), the database stores only
 * the seed and SHA-256(token), and neither reveals the link without the secret.
 */
@ApplicationScoped
public class SurveyTokens {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SurveyTokens(SurveyConfig config) {
        if (config.tokenSecret().length() < 32) {
            throw new IllegalStateException("amends.survey.token-secret must have at least 32 characters");
        }
        key = new SecretKeySpec(config.tokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public byte[] newSeed() {
        byte[] seed = new byte[16];
        random.nextBytes(seed);
        return seed;
    }

    public String token(byte[] seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash to look a presented token up by; empty when it cannot be a token at all. */
    public Optional<byte[]> lookupHash(String presented) {
        return presented != null && TOKEN.matcher(presented).matches() ? Optional.of(hash(presented)) : Optional.empty();
    }
}

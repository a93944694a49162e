package dev.amends.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of SmallRye's real verifier, with real RS256 tokens. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://issuer.test";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static KeyPair keys;

    private final MovableClock clock = new MovableClock();
    private VerifiedTokens tokens;

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @BeforeEach
    void newCache() {
        tokens = new VerifiedTokens(new DefaultJWTParser(new JWTAuthContextInfo(keys.getPublic(), ISSUER)), clock);
    }

    @Test
    void answersARepeatedTokenFromWhatItVerifiedBefore() throws ParseException {
        String token = token("reporter-1", Instant.now().plusSeconds(3600));

        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);

        assertThat(first.getSubject()).isEqualTo("reporter-1");
        assertThat(second).isSameAs(first);
    }

    @Test
    void rejectsATamperedCopyOfARememberedToken() throws ParseException {
        String token = token("reporter-1", Instant.now().plusSeconds(3600));
        tokens.parse(token);
        String[] parts = token.split("\\.");
        String otherClaims = URL.encodeToString(claims("someone-else", Instant.now().plusSeconds(3600))
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> tokens.parse(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void rejectsAnExpiredTokenAlways() {
        String token = token("reporter-1", Instant.now().minusSeconds(600));

        assertThatThrownBy(() -> tokens.parse(token)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(token)).isInstanceOf(ParseException.class);
    }

    @Test
    void verifiesAgainOnceTheTokenHasExpired() throws ParseException {
        String token = token("reporter-1", Instant.now().plusSeconds(60));
        JsonWebToken first = tokens.parse(token);

        clock.advance(Duration.ofSeconds(61));

        // The real verifier still accepts it (its clock has not moved): a new verification, not the cache.
        assertThat(tokens.parse(token)).isNotSameAs(first);
    }

    @Test
    void verifiesAgainAfterTheLongestItRemembers() throws ParseException {
        String token = token("reporter-1", Instant.now().plusSeconds(3600));
        JsonWebToken first = tokens.parse(token);

        clock.advance(VerifiedTokens.MAX_AGE.plusSeconds(1));

        assertThat(tokens.parse(token)).isNotSameAs(first);
    }

    private static String token(String subject, Instant expiresAt) {
        try {
            String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = URL.encodeToString(claims(subject, expiresAt).getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claims(String subject, Instant expiresAt) {
        long issuedAt = Math.min(Instant.now().getEpochSecond(), expiresAt.getEpochSecond() - 60);
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"groups\":[\"reporter\"],"
                + "\"iat\":" + issuedAt + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
    }

    private static final class MovableClock extends Clock {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

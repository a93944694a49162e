package dev.amends.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers bearer tokens whose signature and claims were verified, so a client that sends the
 * same token with every request (as systems do for the token's lifetime) costs one RSA
 * verification, not one per request: the profile of {@code POST /incidents} showed about a
 * quarter of intake's CPU in it. Only the exact token string that passed verification is
 * remembered, never past its {@code exp} and at most {@link #MAX_AGE}, so a rotated-out key stops
 * being honoured within minutes.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final JWTParser verifier;
    private final Clock clock;
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier) {
        this(verifier, Clock.systemUTC());
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.validUntil())) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken fresh = verifier.parse(token);
        remember(token, fresh, now);
        return fresh;
    }

    private void remember(String token, JsonWebToken fresh, Instant now) {
        Instant validUntil = now.plus(MAX_AGE);
        if (fresh.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(fresh.getExpirationTime());
            validUntil = expires.isBefore(validUntil) ? expires : validUntil;
        }
        if (verified.size() >= MAX_ENTRIES) {
            // Many distinct tokens at once: start over rather than grow without bound.
            verified.clear();
        }
        verified.put(token, new Verified(fresh, validUntil));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    private record Verified(JsonWebToken token, Instant validUntil) {
    }
}

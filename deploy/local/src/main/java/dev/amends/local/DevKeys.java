package dev.amends.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * LOCAL DEVELOPMENT KEYS ONLY. An RS256 key pair generated on first use and kept in the stack's
 * data folder, and the tokens it signs. Never used outside the local stack and the tests.
 */
public final class DevKeys {

    public static final String ISSUER = "https://amends.local/dev";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DevKeys(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair from the folder, or generates and stores one there. */
    public static DevKeys inFolder(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
            Path privateFile = folder.resolve("dev-private-key.pem");
            Path publicFile = folder.resolve("dev-public-key.pem");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                byte[] encoded = pemBody(Files.readString(privateFile));
                return new DevKeys(rsa.generatePrivate(new PKCS8EncodedKeySpec(encoded)), publicFile);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new DevKeys(pair.getPrivate(), publicFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the dev key pair", e);
        }
    }

    /** The PEM file services verify tokens with (mp.jwt.verify.publickey.location). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token for the subject with the given roles, valid for the given time. */
    public String token(String subject, Duration validFor, String... roles) {
        return token(ISSUER, subject, validFor, roles);
    }

    /** A token from the given issuer for the subject with the given roles. */
    public String token(String issuer, String subject, Duration validFor, String... roles) {
        Instant now = Instant.now();
        return sign(claims(issuer, subject, now, now.plus(validFor), roles), privateKey);
    }

    /** A token that expired a minute ago. */
    public String expiredToken(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(claims(ISSUER, subject, now.minusSeconds(600), now.minusSeconds(60), roles), privateKey);
    }

    /** A well-formed token signed with a key the services do not trust. */
    public static String forgedToken(String subject, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Instant now = Instant.now();
            return sign(claims(ISSUER, subject, now, now.plusSeconds(600), roles),
                    generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claims(String issuer, String subject, Instant issuedAt, Instant expiresAt,
                                 String... roles) {
        String groups = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + "\"groups\":[" + groups + "],\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String sign(String claims, PrivateKey key) {
        try {
            String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}

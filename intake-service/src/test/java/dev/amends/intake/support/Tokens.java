package dev.amends.intake.support;

import dev.amends.local.AmendsTestStack;

import java.time.Duration;

/** Bearer tokens signed with the test stack's dev key. */
public final class Tokens {

    public static final String WEBSHOP = "webshop-system";

    public static String reporter() {
        return reporter(WEBSHOP);
    }

    public static String reporter(String subject) {
        return token(subject, "reporter");
    }

    public static String agent() {
        return token("ola", "agent");
    }

    public static String analyst() {
        return token("ana", "analyst");
    }

    public static String contactReader() {
        return token("survey-service", "contact-reader");
    }

    public static String token(String subject, String... roles) {
        return AmendsTestStack.keys().token(subject, Duration.ofMinutes(10), roles);
    }

    private Tokens() {
    }
}

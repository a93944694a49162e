package dev.amends.intake.support;

import dev.amends.testing.AmendsTestStack;

/** The test stack's bearer tokens for the subjects and roles intake's tests use. */
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
        return AmendsTestStack.token(subject, roles);
    }

    private Tokens() {
    }
}

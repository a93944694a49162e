package dev.amends.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who acts and on whose behalf, from the caller's JWT. */
public final class Principals {

    public static final String REPORTER = "reporter";
    public static final String AGENT = "agent";
    public static final String ANALYST = "analyst";
    public static final String CONTACT_READER = "contact-reader";
    /** Manages webhook subscriptions. */
    public static final String ADMIN = "admin";

    /** The client a request comes from: idempotency keys and a reporter's incidents are scoped to it. */
    public static String client(JsonWebToken jwt) {
        return jwt.getSubject();
    }

    /** The actor of a change: upn, else preferred_username, else sub. */
    public static String actor(JsonWebToken jwt) {
        String upn = jwt.getClaim("upn");
        if (upn != null) {
            return upn;
        }
        String preferred = jwt.getClaim("preferred_username");
        return preferred != null ? preferred : jwt.getSubject();
    }

    private Principals() {
    }
}

package dev.amends.survey;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every survey test runs against the shared real PostgreSQL (database survey) and Kafka broker, a
 * real Keycloak where survey-service gets its own token, a real SMTP server on loopback and a
 * stand-in for intake's contact look-up. The tests publish
 * the events intake and resolution would; deploy/system-tests runs the three services together.
 */
@QuarkusTestResource(value = AmendsTestStack.class, initArgs = {
        @ResourceArg(name = "database", value = "survey"), @ResourceArg(name = "identityProvider", value = "keycloak")})
@QuarkusTestResource(SmtpServer.class)
@QuarkusTestResource(IntakeStandIn.class)
public final class SurveyTestStack {

    private SurveyTestStack() {
    }
}

package dev.amends.survey;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every survey test runs against the shared real PostgreSQL (database survey) and Kafka broker,
 * with the packaged intake and resolution services beside it and a real SMTP server on loopback.
 */
@QuarkusTestResource(value = AmendsTestStack.class, initArgs = {
        @ResourceArg(name = "database", value = "survey"),
        @ResourceArg(name = "services", value = "intake-service,resolution-service")})
@QuarkusTestResource(SmtpServer.class)
public final class SurveyTestStack {

    private SurveyTestStack() {
    }
}

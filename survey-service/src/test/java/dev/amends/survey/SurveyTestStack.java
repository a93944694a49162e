package dev.amends.survey;

import dev.amends.local.AmendsTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every survey test runs against the shared real PostgreSQL (database survey) and Kafka broker. */
@QuarkusTestResource(value = AmendsTestStack.class, initArgs = @ResourceArg(name = "database", value = "survey"))
public final class SurveyTestStack {

    private SurveyTestStack() {
    }
}

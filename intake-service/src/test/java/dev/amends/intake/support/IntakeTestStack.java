package dev.amends.intake.support;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every intake test runs against the shared real PostgreSQL (database intake) and Kafka broker. */
@QuarkusTestResource(value = AmendsTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
public final class IntakeTestStack {

    private IntakeTestStack() {
    }
}

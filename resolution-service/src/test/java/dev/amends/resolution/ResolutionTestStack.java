package dev.amends.resolution;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every resolution test runs against the shared real PostgreSQL (database resolution) and Kafka broker. */
@QuarkusTestResource(value = AmendsTestStack.class, initArgs = @ResourceArg(name = "database", value = "resolution"))
public final class ResolutionTestStack {

    private ResolutionTestStack() {
    }
}

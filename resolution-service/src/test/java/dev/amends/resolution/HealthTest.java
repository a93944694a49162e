package dev.amends.resolution;

import dev.amends.testing.HealthChecks;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends HealthChecks {
}

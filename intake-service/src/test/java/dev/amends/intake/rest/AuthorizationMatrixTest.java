package dev.amends.intake.rest;

import dev.amends.testing.AuthorizationMatrixChecks;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Every operation of intake's OpenAPI document × {no, expired, forged token, each role}. */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixChecks {

    @Override
    protected List<String> publicOperations() {
        // Anything public is public on purpose: a new endpoint without roles fails here.
        return List.of();
    }

    @Override
    protected int protectedOperations() {
        return 4;
    }
}

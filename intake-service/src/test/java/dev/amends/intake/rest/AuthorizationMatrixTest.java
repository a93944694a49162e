package dev.amends.intake.rest;

import dev.amends.testing.AuthorizationMatrixChecks;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Every operation of intake's OpenAPI document × {no, expired, forged token, each role}. */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixChecks {

    // Anything public is public on purpose: a new endpoint without roles fails here.
    AuthorizationMatrixTest() {
        super(List.of(), 15);
    }
}

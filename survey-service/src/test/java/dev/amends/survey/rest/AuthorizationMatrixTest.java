package dev.amends.survey.rest;

import dev.amends.testing.AuthorizationMatrixChecks;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Every operation of survey-service's OpenAPI document × {no, expired, forged token, each role}. */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixChecks {

    @Override
    protected List<String> publicOperations() {
        // Anything public is public on purpose: a new endpoint without roles fails here.
        return List.of("GET /s/{token}", "POST /s/{token}", "POST /surveys/{token}/answer");
    }

    @Override
    protected int protectedOperations() {
        return 1;
    }
}

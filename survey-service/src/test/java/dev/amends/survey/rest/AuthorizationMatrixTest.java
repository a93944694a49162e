package dev.amends.survey.rest;

import dev.amends.testing.AuthorizationMatrixChecks;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Every operation of survey-service's OpenAPI document × {no, expired, forged token, each role}. */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixChecks {

    // Anything public is public on purpose: a new endpoint without roles fails here.
    AuthorizationMatrixTest() {
        super(List.of("GET /s/{token}", "POST /s/{token}", "GET /s/{token}/opt-out", "POST /s/{token}/opt-out",
                "POST /surveys/{token}/answer", "GET /i/{token}", "POST /i/{token}",
                "POST /interviews/{token}/answer"), 5);
    }
}

package dev.amends.survey.rest;

import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.AuthorizationMatrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation of survey-service's OpenAPI document × {no, expired, forged token, each role}. */
@QuarkusTest
class AuthorizationMatrixTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void everyEndpointAnswersEachRoleAsItsDocumentSays() throws Exception {
        var result = AuthorizationMatrix.check(service.toString().replaceAll("/$", ""), AmendsTestStack.keys());
        assertThat(result.mismatches()).isEmpty();
        // Anything public is public on purpose: a new endpoint without roles fails here.
        assertThat(result.publicOperations()).containsExactlyInAnyOrderElementsOf(List.of("GET /s/{token}", "POST /s/{token}", "POST /surveys/{token}/answer"));
        assertThat(result.protectedOperations()).isEqualTo(1);
    }
}

package dev.amends.common.problem;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.domain.ExpiredException;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.domain.StaleVersionException;
import dev.amends.common.domain.UnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of refusal a service throws is answered with its own status, title and detail. */
class DomainRefusalTest {

    @Test
    void answersEachKindOfRefusalWithItsStatus() {
        assertThat(ProblemException.of(new NotFoundException("No case 1.")))
                .extracting(ProblemException::status, ProblemException::title, ProblemException::getMessage)
                .containsExactly(404, "Not found", "No case 1.");
        assertThat(ProblemException.of(new ConflictException("closed")).status()).isEqualTo(409);
        assertThat(ProblemException.of(new StaleVersionException("at 3")))
                .extracting(ProblemException::status, ProblemException::title).containsExactly(412, "Precondition failed");
        assertThat(ProblemException.of(new ExpiredException("expired")).status()).isEqualTo(410);
    }

    @Test
    void tellsTheClientWhenToTryAgainWhileUnavailable() {
        ProblemException answer = ProblemException.of(new UnavailableException("stopping"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).isEqualTo(Map.of("Retry-After", "5"));
    }

    @Test
    void namesEveryInvalidFieldOnceSortedByField() {
        ProblemException answer = ProblemException.of(new InvalidInputException(List.of(
                new Violation("severity", "must be LOW, MEDIUM or HIGH"), new Violation("customer.email", "is required"),
                new Violation("severity", "must not be blank"))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.violations()).containsExactly(new Violation("customer.email", "is required"),
                new Violation("severity", "must be LOW, MEDIUM or HIGH; must not be blank"));
        assertThat(answer.getMessage()).isEqualTo("The request has 2 invalid field(s): see violations.");
    }
}

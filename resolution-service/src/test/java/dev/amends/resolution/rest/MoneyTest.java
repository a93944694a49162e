package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.problem.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The currency rule alone, without a service. */
class MoneyTest {

    @ParameterizedTest
    @ValueSource(strings = {"DEM", "FRF", "HRK", "ITL", "SLL", "ZWL", "XAU", "XXX", "ABC"})
    void rejectsWithdrawnUnknownAndUnitlessCurrencies(String currency) throws Exception {
        assertThat(violations("{\"amount\": 10, \"currency\": \"" + currency + "\"}"))
                .extracting(Violation::field).containsExactly("currency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOK", "EUR", "SEK", "USD", "JPY", "KWD", "SLE", "ZWG", "CLF"})
    void acceptsActiveCurrencies(String currency) throws Exception {
        assertThat(violations("{\"amount\": 10, \"currency\": \"" + currency + "\"}")).isEmpty();
    }

    @Test
    void allowsNoMoreDecimalsThanTheMinorUnit() throws Exception {
        assertThat(violations("{\"amount\": 10.5, \"currency\": \"JPY\"}")).extracting(Violation::field).containsExactly("amount");
        assertThat(violations("{\"amount\": 10.50, \"currency\": \"NOK\"}")).isEmpty();
        assertThat(violations("{\"amount\": 10.505, \"currency\": \"NOK\"}")).extracting(Violation::field).containsExactly("amount");
        assertThat(violations("{\"amount\": 10.505, \"currency\": \"KWD\"}")).isEmpty();
    }

    private static List<Violation> violations(String json) throws Exception {
        List<Violation> violations = new ArrayList<>();
        Money.check(new ObjectMapper().readTree(json), violations);
        return violations;
    }
}

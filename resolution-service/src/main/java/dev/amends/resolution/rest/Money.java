package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.problem.Violation;

import java.util.Currency;
import java.util.List;

/** Compensation amounts: an active ISO 4217 currency and no more decimals than its minor unit. */
final class Money {

    static void check(JsonNode body, List<Violation> violations) {
        JsonNode currency = body.get("currency");
        if (currency == null || !currency.isTextual() || !currency.asText().matches("[A-Z]{3}")) {
            return;
        }
        int minorUnit;
        try {
            minorUnit = Currency.getInstance(currency.asText()).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("currency", "must be an active ISO 4217 currency code"));
            return;
        }
        if (minorUnit < 0) {
            violations.add(new Violation("currency", "must be an active ISO 4217 currency code"));
            return;
        }
        JsonNode amount = body.get("amount");
        if (amount != null && amount.isNumber() && amount.decimalValue().stripTrailingZeros().scale() > minorUnit) {
            violations.add(new Violation("amount", "must have at most " + minorUnit + " decimals in " + currency.asText()));
        }
    }

    private Money() {
    }
}

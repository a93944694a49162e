package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.problem.Violation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * Compensation amounts: an active ISO 4217 currency and no more decimals than its minor unit. The
 * JDK's {@link java.util.Currency} also knows withdrawn currencies, so the active ones are listed
 * in {@code currencies/iso4217-active.properties}.
 */
final class Money {

    private static final Properties MINOR_UNITS = load();

    static void check(JsonNode body, List<Violation> violations) {
        JsonNode currency = body.get("currency");
        if (currency == null || !currency.isTextual() || !currency.asText().matches("[A-Z]{3}")) {
            return;
        }
        String minorUnit = MINOR_UNITS.getProperty(currency.asText());
        if (minorUnit == null) {
            violations.add(new Violation("currency", "must be an active ISO 4217 currency code"));
            return;
        }
        int decimals = Integer.parseInt(minorUnit);
        JsonNode amount = body.get("amount");
        if (amount != null && amount.isNumber() && amount.decimalValue().stripTrailingZeros().scale() > decimals) {
            violations.add(new Violation("amount", "must have at most " + decimals + " decimals in " + currency.asText()));
        }
    }

    private static Properties load() {
        Properties units = new Properties();
        try (InputStream in = Money.class.getResourceAsStream("/currencies/iso4217-active.properties")) {
            units.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return units;
    }

    private Money() {
    }
}

package dev.amends.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents the services' builds store (target/openapi) pass Redocly CLI's recommended
 * rules and Spectral's OpenAPI rules with no error and no warning.
 */
class OpenApiDocumentsIT {

    private static final Pattern REDOCLY_TOTALS = Pattern.compile("\"errors\":\\s*(\\d+),\\s*\"warnings\":\\s*(\\d+)");

    @BeforeAll
    static void installTheCheckers() throws Exception {
        ContractCheckers.ensureInstalled();
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-service", "resolution-service", "survey-service"})
    void redoclyFindsNoErrorAndNoWarning(String service) throws Exception {
        Path document = ContractCheckers.openApiDocument(service);
        assertThat(document).as("stored by the service's build").exists();

        assertThat(redoclyProblems(document)).isEqualTo("0 errors, 0 warnings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-service", "resolution-service", "survey-service"})
    void spectralFindsNoErrorAndNoWarning(String service) throws Exception {
        Path document = ContractCheckers.openApiDocument(service);
        assertThat(document).as("stored by the service's build").exists();

        ContractCheckers.Run lint = spectral(document);

        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void bothCheckersFindWhatADocumentWithoutServersOperationIdsAndContactLacks() throws Exception {
        Path bare = Files.createTempFile("bare-openapi", ".yaml");
        Files.writeString(bare, """
                openapi: 3.1.0
                info: {title: bare, version: "1"}
                paths:
                  /things:
                    get:
                      responses:
                        "200": {description: OK}
                """);

        assertThat(redoclyProblems(bare)).isNotEqualTo("0 errors, 0 warnings");
        ContractCheckers.Run lint = spectral(bare);
        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("oas3-api-servers", "operation-operationId", "info-contact");
    }

    private static String redoclyProblems(Path document) throws Exception {
        ContractCheckers.Run lint = ContractCheckers.run(List.of("redocly", "lint", "--format=json", document.toString()));
        Matcher totals = REDOCLY_TOTALS.matcher(lint.output());
        assertThat(totals.find()).as(lint.output()).isTrue();
        return totals.group(1) + " errors, " + totals.group(2) + " warnings";
    }

    private static ContractCheckers.Run spectral(Path document) throws Exception {
        return ContractCheckers.run(List.of("spectral", "lint", "--ruleset", ".spectral.yaml", "--fail-severity", "hint",
                "--format", "text", document.toString()));
    }
}

package dev.amends.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event catalogue (common's asyncapi/amends-events.yaml) passes the AsyncAPI CLI with no diagnostic at all. */
class EventCatalogueIT {

    private static final Path CATALOGUE =
            ContractCheckers.repository().resolve("common/src/main/resources/asyncapi/amends-events.yaml");

    @BeforeAll
    static void installTheCheckers() throws Exception {
        ContractCheckers.ensureInstalled();
    }

    @Test
    void theAsyncApiCliFindsNothingToReport() throws Exception {
        ContractCheckers.Run validation = validate(CATALOGUE);

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        assertThat(validation.output()).contains("is valid").contains("don't have governance issues");
    }

    @Test
    void theAsyncApiCliRefusesAPayloadThatPointsAtNoSchema() throws Exception {
        Path copy = Files.createTempDirectory("catalogue");
        Path schemas = CATALOGUE.getParent().resolveSibling("schemas");
        try (var files = Files.walk(schemas)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve("schemas").resolve(schemas.relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.createDirectories(copy.resolve("asyncapi"));
        Files.writeString(copy.resolve("asyncapi/amends-events.yaml"), Files.readString(CATALOGUE));
        assertThat(validate(copy.resolve("asyncapi/amends-events.yaml")).exitCode()).as("the copy as it is").isZero();
        Path broken = copy.resolve("asyncapi/broken.yaml");
        Files.writeString(broken, Files.readString(CATALOGUE).replace("dev.amends.case.opened.v1.json", "no-such-schema.json"));

        assertThat(validate(broken).exitCode()).isNotZero();
    }

    private static ContractCheckers.Run validate(Path document) throws Exception {
        return ContractCheckers.run(List.of("asyncapi", "validate", "--fail-severity=hint", document.toString()));
    }
}

package dev.amends.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkers of the contract documents, from npm at the versions src/test/contract-tools pins:
 * Redocly CLI, Spectral and the AsyncAPI CLI, run with Node.js (installed when missing).
 */
final class ContractCheckers {

    static final Path TOOLS = Path.of("src/test/contract-tools").toAbsolutePath();
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    private ContractCheckers() {
    }

    /** What a checker printed and how it ended. */
    record Run(int exitCode, String output) {
    }

    static void ensureInstalled() throws Exception {
        Run install = run(List.of(TOOLS.resolve("ensure-node").toString()));
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    /** A service's OpenAPI document as its build stored it. */
    static Path openApiDocument(String service) {
        return REPOSITORY.resolve(service).resolve("target/openapi/openapi.yaml");
    }

    static Path repository() {
        return REPOSITORY;
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(command);
        if (!line.get(0).startsWith("/")) {
            line.set(0, TOOLS.resolve("node_modules/.bin").resolve(line.get(0)).toString());
        }
        ProcessBuilder builder = new ProcessBuilder(line).directory(TOOLS.toFile()).redirectErrorStream(true);
        // No telemetry or analytics from the checkers; and none may wait for a terminal.
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("CI", "true");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", line)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

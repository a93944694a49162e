package dev.amends.systemtests;

import dev.amends.local.LocalStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged services on one local stack, shared by the system tests of one JVM (starting a stack
 * takes about a minute): mail to a real SMTP server, every span to a collector, the survey's timers
 * every second, exit interviews decided two seconds after the lapse, a one-minute retention
 * observation. Started on first use, stopped when the JVM ends or a test wants the machine to itself
 * ({@link #stop()}; such tests run last, junit-platform.properties). Tests that share it keep to
 * their own customers, categories and mail recipients.
 */
final class SystemStack {

    /** survey-service's retention observation period here: the P180D rule played out in a minute. */
    static final Duration RETENTION_OBSERVATION = Duration.ofMinutes(1);

    private static SystemStack shared;

    final LocalStack stack;
    final SmtpInbox smtp;
    final CollectorStandIn collector;

    private final Path data;

    private SystemStack(LocalStack stack, SmtpInbox smtp, CollectorStandIn collector, Path data) {
        this.stack = stack;
        this.smtp = smtp;
        this.collector = collector;
        this.data = data;
    }

    static synchronized SystemStack get() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Stops the shared stack if it runs (a test that measures its own stack wants the cores to itself). */
    static synchronized void stop() {
        if (shared == null) {
            return;
        }
        try {
            shared.stack.stop();
            LocalStack.wipe(shared.data);
        } catch (Exception e) {
            System.err.println("the system tests' stack did not stop cleanly: " + e);
        } finally {
            shared.smtp.close();
            shared.collector.close();
            shared = null;
        }
    }

    private static SystemStack start() throws Exception {
        SmtpInbox smtp = SmtpInbox.start();
        CollectorStandIn collector = new CollectorStandIn();
        Path repository = Path.of(System.getProperty("amends.repository", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("amends-system");
        Map<String, String> environment = new HashMap<>(smtp.surveyEnvironment());
        environment.putAll(Map.of(
                "AMENDS_TRACING_EXPORTER", "otlp",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1.0",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms",
                "AMENDS_SURVEY_TIMERS_EVERY", "1s",
                "AMENDS_SURVEY_INVITATION_DELAY", "PT1S",
                "AMENDS_SURVEY_TIMERS_BATCH_SIZE", "200",
                "AMENDS_SURVEY_INTERVIEW_SETTLE_DELAY", "PT2S",
                "AMENDS_SURVEY_RETENTION_OBSERVATION", RETENTION_OBSERVATION.toString()));
        LocalStack stack = LocalStack.startOnFreePorts(repository, data, 1, environment);
        Runtime.getRuntime().addShutdownHook(new Thread(SystemStack::stop));
        return new SystemStack(stack, smtp, collector, data);
    }
}

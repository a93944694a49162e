package dev.amends.survey;

import dev.amends.local.ContractTopics;
import dev.amends.local.DevKeys;
import dev.amends.local.PackagedService;
import dev.amends.local.ServiceEnvironment;
import dev.amends.local.servers.LocalKafka;
import dev.amends.local.servers.LocalPostgres;
import dev.amends.local.servers.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged survey-service refuses a production start with SMTP delivery and no SMTP server named. */
class MailDeliveryCheckIT {

    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private static Path folder;
    private static DevKeys keys;

    @BeforeAll
    static void stack() throws Exception {
        folder = Files.createTempDirectory("amends-mail-check");
        postgres = LocalPostgres.start(null, 0);
        postgres.ensureDatabase("survey");
        kafka = LocalKafka.start(folder.resolve("kafka"), 0);
        ContractTopics.create(kafka);
        keys = DevKeys.inFolder(folder.resolve("keys"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        kafka.close();
        postgres.close();
    }

    @Test
    void refusesToStartWithSmtpDeliveryAndNoMailerHost() throws Exception {
        Path log = folder.resolve("refused.log");
        PackagedService survey = start(Map.of("AMENDS_SURVEY_MAIL_DELIVERY", "smtp"), log);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> !survey.isAlive());
            assertThat(Files.readString(log)).contains("QUARKUS_MAILER_HOST is not set");
        } finally {
            survey.close();
        }
    }

    @Test
    void startsWithAMailerHostNamed() throws Exception {
        PackagedService survey = start(Map.of("AMENDS_SURVEY_MAIL_DELIVERY", "smtp", "QUARKUS_MAILER_HOST", "127.0.0.1"),
                folder.resolve("started.log"));
        try {
            survey.awaitReady(Duration.ofSeconds(90));
        } finally {
            survey.close();
        }
    }

    private static PackagedService start(Map<String, String> mail, Path log) throws Exception {
        Map<String, String> environment = ServiceEnvironment.on(postgres, "survey", kafka.bootstrapServers())
                .trusting(keys, DevKeys.ISSUER)
                // LOCAL DEVELOPMENT ONLY: secrets of this test.
                .with("AMENDS_SURVEY_TOKEN_SECRET", "test-only-survey-token-secret-0123456789abcdef")
                .with("AMENDS_SURVEY_PUBLIC_BASE_URL", "http://localhost:1")
                .with("QUARKUS_REST_CLIENT_INTAKE_URL", "http://localhost:1")
                // No identity provider answers there: survey-service starts all the same (it asks for its token when it needs one).
                .with("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "http://localhost:1/realms/none")
                .with("QUARKUS_OIDC_CLIENT_CLIENT_ID", "survey-service")
                .with("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "not-used-here")
                .with(mail)
                .variables();
        Path repository = Path.of(System.getProperty("amends.repository", "..")).toAbsolutePath().normalize();
        return PackagedService.start(repository, "survey-service", Ports.free(), environment, log);
    }
}

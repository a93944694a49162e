package dev.amends.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.testing.WebhookReceiver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks received webhook deliveries with the Standard Webhooks reference library (npm
 * {@code standardwebhooks}, pinned in src/test/contract-tools, run by Node): an implementation of
 * the signature not written here.
 */
final class StandardWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StandardWebhooks() {
    }

    /** One line per delivery, "verified id" or "refused id: why"; exit code 0 only when all verified. */
    static ContractCheckers.Run verify(String secret, List<WebhookReceiver.Received> deliveries) throws Exception {
        ContractCheckers.ensureInstalled();
        Path file = Files.createTempFile("webhooks", ".json");
        try {
            JSON.writeValue(file.toFile(), deliveries.stream().map(delivery -> Map.of("secret", secret,
                    "headers", Map.of("webhook-id", delivery.header("webhook-id"),
                            "webhook-timestamp", delivery.header("webhook-timestamp"),
                            "webhook-signature", delivery.header("webhook-signature")),
                    "body", delivery.body())).toList());
            return ContractCheckers.run(List.of("/usr/bin/env", "node", "verify-webhooks.mjs", file.toString()));
        } finally {
            Files.delete(file);
        }
    }

    /** The delivery with one character of its body changed: a signature check must refuse it. */
    static WebhookReceiver.Received tampered(WebhookReceiver.Received delivery) {
        return new WebhookReceiver.Received(delivery.headers(), delivery.body().replaceFirst("\"", "\" "), delivery.at(),
                delivery.answeredWith());
    }
}

package dev.amends.resolution.service;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    // The example of the Standard Webhooks specification's reference libraries.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsAsTheStandardWebhooksExampleSays() {
        assertThat(WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEachValidSecretSpaceSeparated() {
        String newer = WebhookSignature.newSecret();
        String both = WebhookSignature.header(List.of(newer, SECRET), ID, TIMESTAMP, BODY);

        assertThat(both.split(" ")).containsExactly(WebhookSignature.header(List.of(newer), ID, TIMESTAMP, BODY),
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void changesWithTheTimestampAndTheBody() {
        String signed = WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY);

        assertThat(WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP + 1, BODY)).isNotEqualTo(signed);
        assertThat(WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY + " ")).isNotEqualTo(signed);
    }

    @Test
    void makesSecretsOf32RandomBytes() {
        String first = WebhookSignature.newSecret();

        assertThat(first).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(first);
    }
}

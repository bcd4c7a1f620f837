package dev.liaison.events.control;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    /** The bytes 0, 1, … 31 as a Standard Webhooks secret. */
    private static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void signsIdTimestampAndBodyWithTheSecretsBytesAsAKnownVector() {
        // computed apart from this code: HMAC-SHA256 keyed with bytes 00..1f over 'msg_1.1700000000.{"a":1}' (openssl dgst -mac HMAC)
        assertThat(WebhookSignature.sign(SECRET, "msg_1", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("v1,AMaOha7DUT/0J0JMycRuYOBSvbx3WtwLd2khXXbaVj4=");
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        String signed = WebhookSignature.sign(SECRET, "msg_1", 1_700_000_000L, "{\"a\":1}");
        assertThat(WebhookSignature.sign(SECRET, "msg_2", 1_700_000_000L, "{\"a\":1}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign(SECRET, "msg_1", 1_700_000_001L, "{\"a\":1}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign(SECRET, "msg_1", 1_700_000_000L, "{\"a\":2}")).isNotEqualTo(signed);
    }

    @Test
    void duringARotationBothSecretsSignSpaceSeparatedTheCurrentFirst() {
        String other = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(other, SECRET), "msg_1", 1_700_000_000L, "{\"a\":1}");
        assertThat(header.split(" ")).containsExactly(WebhookSignature.sign(other, "msg_1", 1_700_000_000L, "{\"a\":1}"),
                "v1,AMaOha7DUT/0J0JMycRuYOBSvbx3WtwLd2khXXbaVj4=");
    }

    @Test
    void aNewSecretIsTwentyFourRandomBytesInTheStandardForm() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }
}

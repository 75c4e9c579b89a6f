package nl.regiopool.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    /** The example of the Standard Webhooks reference libraries. */
    @Test
    void signsTheReferenceExample() {
        assertThat(Signatures.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationBothSecretsSign() {
        String current = Signatures.newSecret();
        String previous = Signatures.newSecret();
        String header = Signatures.header(List.of(current, previous), "msg_1", 1700000000L, "{}");
        assertThat(header.split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verifies(current, "msg_1", "1700000000", "{}", header)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(previous, "msg_1", "1700000000", "{}", header)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(Signatures.newSecret(), "msg_1", "1700000000", "{}", header)).isFalse();
    }

    @Test
    void secretsAreWhsecWithThirtyTwoRandomBytes() {
        String secret = Signatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
    }
}

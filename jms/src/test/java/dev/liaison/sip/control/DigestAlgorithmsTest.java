package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestAlgorithmsTest {

    @Test
    void theDefaultOffersMd5FirstSoThatClientsReadingOnlyTheTopChallengeRegister() {
        DigestAlgorithms algorithms = DigestAlgorithms.parse(DigestAlgorithms.DEFAULT);
        assertThat(algorithms.challenges(null)).containsExactly("MD5", "SHA-256");
        assertThat(algorithms.accepts("MD5")).isTrue();
        assertThat(algorithms.accepts("SHA-256")).isTrue();
    }

    @Test
    void theAlgorithmAClientNamedComesFirstWhenItIsAccepted() {
        DigestAlgorithms shaFirst = DigestAlgorithms.parse("SHA-256, md5");
        assertThat(shaFirst.challenges(null)).containsExactly("SHA-256", "MD5");
        assertThat(shaFirst.challenges("MD5")).containsExactly("MD5", "SHA-256");
        assertThat(DigestAlgorithms.parse(DigestAlgorithms.DEFAULT).challenges("SHA-256")).containsExactly("SHA-256", "MD5");
        DigestAlgorithms shaOnly = DigestAlgorithms.parse("SHA-256");
        assertThat(shaOnly.challenges("MD5")).containsExactly("SHA-256");
        assertThat(shaOnly.accepts("MD5")).isFalse();
        assertThat(shaOnly.accepts(null)).isFalse();
    }

    @Test
    void ofSeveralResponsesTheAcceptedOneIsCheckedAndSha256OverMd5() {
        DigestAlgorithms algorithms = DigestAlgorithms.parse(DigestAlgorithms.DEFAULT);
        assertThat(algorithms.prefers("MD5", null)).isTrue();
        assertThat(algorithms.prefers("SHA-256", "MD5")).isTrue();
        assertThat(algorithms.prefers("MD5", "SHA-256")).isFalse();
        assertThat(algorithms.prefers(null, "MD5")).isFalse();
        assertThat(DigestAlgorithms.parse("SHA-256").prefers("SHA-256", "MD5")).isTrue();
        assertThat(DigestAlgorithms.parse("MD5").prefers("SHA-256", "MD5")).isFalse();
    }

    @Test
    void aBadSettingIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> DigestAlgorithms.parse("SHA-512,MD5")).hasMessageContaining("SHA-512");
        assertThatThrownBy(() -> DigestAlgorithms.parse(" , ")).hasMessageContaining("no algorithm");
        assertThatThrownBy(() -> DigestAlgorithms.parse("MD5,md5")).hasMessageContaining("twice");
    }

    @Test
    void aClientThatAbortsOnAnUnknownChallengeIsOfferedMd5AloneWhenMd5IsAccepted() {
        DigestAlgorithms algorithms = DigestAlgorithms.parse(DigestAlgorithms.DEFAULT);
        assertThat(algorithms.challenges(null, "baresip v1.0.0 (x86_64/linux)")).containsExactly("MD5");
        assertThat(algorithms.challenges("SHA-256", "baresip v0.6.5 (arm/linux)")).containsExactly("MD5");
        assertThat(algorithms.challenges(null, "baresip v2.10.0 (x86_64/linux)")).containsExactly("MD5", "SHA-256");
        assertThat(algorithms.challenges(null, "Linphone/5.2")).containsExactly("MD5", "SHA-256");
        assertThat(algorithms.challenges(null, null)).containsExactly("MD5", "SHA-256");
        assertThat(DigestAlgorithms.parse("SHA-256").challenges(null, "baresip v1.0.0")).as("MD5 refused").containsExactly("SHA-256");
        assertThat(DigestAlgorithms.parse("SHA-256,MD5", "none").challenges(null, "baresip v1.0.0")).containsExactly("SHA-256", "MD5");
        assertThatThrownBy(() -> DigestAlgorithms.parse("MD5", "baresip (")).hasMessageContaining("baresip (");
    }
}

package dev.liaison.mail.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OutgoingMailTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static OutgoingMail mail() {
        return new OutgoingMail("<a@liaison.test>", "ann@example.com", "invitation", new byte[]{1}, NOW);
    }

    @Test
    void aRefusedMailWaitsForItsNextAttempt() {
        OutgoingMail mail = mail();

        mail.refused(NOW, "421 try later", Duration.ofSeconds(2), 3);

        assertThat(mail.getAttempts()).isEqualTo(1);
        assertThat(mail.getNextAttemptAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(mail.getGaveUpAt()).isNull();
        assertThat(mail.getLastError()).isEqualTo("421 try later");
    }

    @Test
    void theLastAllowedRefusalGivesTheMailUpAndKeepsIt() {
        OutgoingMail mail = mail();
        mail.refused(NOW, "no", Duration.ofSeconds(1), 2);

        mail.refused(NOW.plusSeconds(1), "still no", Duration.ofSeconds(2), 2);

        assertThat(mail.getGaveUpAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(mail.getSentAt()).isNull();
        assertThat(mail.getAttempts()).isEqualTo(2);
    }

    @Test
    void aSentMailCountsItsAttemptAndIsReleased() {
        OutgoingMail mail = mail();
        mail.refused(NOW, "no", Duration.ofSeconds(1), 5);

        mail.sent(NOW.plusSeconds(1));

        assertThat(mail.getSentAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(mail.getAttempts()).isEqualTo(2);
    }

    @Test
    void aLongRelayErrorIsCutToTheColumn() {
        OutgoingMail mail = mail();
        mail.refused(NOW, "x".repeat(5000), Duration.ofSeconds(1), 5);
        assertThat(mail.getLastError()).hasSize(1000);
    }
}

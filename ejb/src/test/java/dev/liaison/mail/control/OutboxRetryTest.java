package dev.liaison.mail.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRetryTest {

    @Test
    void theDelayDoublesFromHalfASecondAndStopsGrowingAtFiveMinutes() {
        assertThat(Outbox.retryDelay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(Outbox.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Outbox.retryDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Outbox.retryDelay(9)).isEqualTo(Duration.ofMillis(256_000));
        assertThat(Outbox.retryDelay(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Outbox.retryDelay(299)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theDefaultBudgetLastsAboutADay() {
        Duration total = Duration.ZERO;
        for (int attempt = 0; attempt < 299; attempt++) {
            total = total.plus(Outbox.retryDelay(attempt));
        }
        assertThat(total).isBetween(Duration.ofHours(23), Duration.ofHours(25));
    }
}

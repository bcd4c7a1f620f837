package dev.liaison.events.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), 2.0, Duration.ofMinutes(5));
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

    @Test
    void theDelayDoublesWithEachFailureBetweenHalfAndAllOfIt() {
        assertThat(BACKOFF.delay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(BACKOFF.delay(1, () -> 0.999_999)).isEqualTo(Duration.ofMillis(499));
        assertThat(BACKOFF.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(BACKOFF.delay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(BACKOFF.delay(5, () -> 0.0)).isEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void theDelayNeverExceedsTheLongestEvenAfterManyFailures() {
        assertThat(BACKOFF.delay(40, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofMinutes(5))
                .isGreaterThanOrEqualTo(Duration.ofMillis(299_000));
        assertThat(BACKOFF.delay(10_000, () -> 0.0)).isEqualTo(Duration.ofMillis(150_000));
    }

    @Test
    void retryAfterInSecondsOrAsADateDecidesTheNextAttempt() {
        assertThat(BACKOFF.next(1, "3", NOW, () -> 0.0)).isEqualTo(NOW.plusSeconds(3));
        assertThat(BACKOFF.next(7, "Mon, 04 May 2026 10:00:30 GMT", NOW, () -> 0.0)).isEqualTo(NOW.plusSeconds(30));
        assertThat(BACKOFF.next(1, "Mon, 04 May 2026 09:00:00 GMT", NOW, () -> 0.0)).as("a date past is now").isEqualTo(NOW);
        assertThat(BACKOFF.next(1, "99999999999", NOW, () -> 0.0)).as("at most a day").isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void anUnreadableOrMissingRetryAfterFallsBackToTheBackoff() {
        assertThat(BACKOFF.next(2, "soon", NOW, () -> 0.0)).isEqualTo(NOW.plusMillis(500));
        assertThat(BACKOFF.next(2, null, NOW, () -> 0.0)).isEqualTo(NOW.plusMillis(500));
    }
}

package dev.liaison.im.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PeerRetryTest {

    private final PeerRetry retry = new PeerRetry(Duration.ofSeconds(1), Duration.ofMinutes(5));
    private final Instant now = Instant.parse("2026-12-03T20:00:00Z");

    @Test
    void theDelayDoublesUpToTheLongest() {
        assertThat(retry.next(1, now)).isEqualTo(now.plusSeconds(1));
        assertThat(retry.next(2, now)).isEqualTo(now.plusSeconds(2));
        assertThat(retry.next(4, now)).isEqualTo(now.plusSeconds(8));
        assertThat(retry.next(9, now)).isEqualTo(now.plusSeconds(256));
        assertThat(retry.next(10, now)).isEqualTo(now.plusSeconds(300));
        assertThat(retry.next(10_000, now)).isEqualTo(now.plusSeconds(300));
    }

    @Test
    void aPeerThatIsDownOrBusyIsAskedAgainUntilTheGiveUpTime() {
        Instant giveUp = now.plus(Duration.ofDays(30));
        assertThat(retry.verdict(202, 0, now, giveUp)).isEqualTo(PeerRetry.Verdict.DELIVERED);
        assertThat(retry.verdict(200, 7, now, giveUp)).isEqualTo(PeerRetry.Verdict.DELIVERED);
        for (int status : new int[]{408, 480, 500, 503, 504}) {
            assertThat(retry.verdict(status, 3, now, giveUp)).as("status " + status).isEqualTo(PeerRetry.Verdict.RETRY);
        }
        assertThat(retry.verdict(503, 3, now, now.plusSeconds(8))).as("the next attempt would come too late")
                .isEqualTo(PeerRetry.Verdict.GIVE_UP);
    }

    @Test
    void aRefusalForGoodIsGivenUpAtOnce() {
        Instant giveUp = now.plus(Duration.ofDays(30));
        for (int status : new int[]{400, 403, 404, 413, 415, 513, 302, 603}) {
            assertThat(retry.verdict(status, 0, now, giveUp)).as("status " + status).isEqualTo(PeerRetry.Verdict.GIVE_UP);
        }
    }
}

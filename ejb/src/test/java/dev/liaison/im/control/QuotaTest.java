package dev.liaison.im.control;

import dev.liaison.im.boundary.StoreResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaTest {

    private final Quota quota = new Quota(3, 100, 40, Duration.ofDays(30));

    @Test
    void aMessageThatFitsIsTaken() {
        assertThat(quota.refusal(0, 0, 40)).isEmpty();
        assertThat(quota.refusal(2, 60, 40)).isEmpty();
    }

    @Test
    void theCountIsAHardLimit() {
        assertThat(quota.refusal(3, 0, 1)).contains(StoreResult.Outcome.QUOTA_EXCEEDED);
    }

    @Test
    void theBytesInAllAreAHardLimit() {
        assertThat(quota.refusal(1, 61, 40)).contains(StoreResult.Outcome.QUOTA_EXCEEDED);
    }

    @Test
    void aMessageLargerThanOneMayBeIsTooLargeWhateverTheStoreHolds() {
        assertThat(quota.refusal(0, 0, 41)).contains(StoreResult.Outcome.TOO_LARGE);
        assertThat(quota.refusal(3, 100, 41)).contains(StoreResult.Outcome.TOO_LARGE);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Quota(0, 1, 1, Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quota(1, 1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.liaison.directory.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest(name = "{0} wrong passwords against a limit of {1}: held off {2} s")
    @CsvSource({
            "0, 5, -1",
            "4, 5, -1",
            "5, 5, 30",
            "6, 5, 60",
            "7, 5, 120",
            "9, 5, 480",
            "10, 5, 900",
            "40, 5, 900",
            "1, 1, 30"})
    void theLimitthWrongPasswordHoldsOffAndEachFurtherOneDoublesItUpToTheLongest(int failures, int limit, long seconds) {
        Instant until = LoginPolicy.heldOffUntil(failures, limit, NOW, Duration.ofSeconds(30), Duration.ofMinutes(15));
        if (seconds < 0) {
            assertThat(until).isNull();
        } else {
            assertThat(until).isEqualTo(NOW.plusSeconds(seconds));
        }
    }

    @Test
    void eachKindKeysOnlyWhatItCounts() {
        assertThat(LoginPolicy.key(LoginPolicy.Kind.PAIR, "alice", "10.0.0.1")).isEqualTo("PAIR|alice|10.0.0.1");
        assertThat(LoginPolicy.key(LoginPolicy.Kind.SOURCE, "alice", "10.0.0.1")).isEqualTo("SOURCE||10.0.0.1");
        assertThat(LoginPolicy.key(LoginPolicy.Kind.ACCOUNT, "alice", "10.0.0.1")).isEqualTo("ACCOUNT|alice|");
    }

    @Test
    void anyNameTriedIsCountedInLowerCaseAndAtMost64Characters() {
        assertThat(LoginPolicy.account(" Alice ")).isEqualTo("alice");
        assertThat(LoginPolicy.account("x".repeat(500))).hasSize(64);
        assertThat(LoginPolicy.account(null)).isEmpty();
    }
}

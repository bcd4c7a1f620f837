package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.profile.boundary.AvailabilityState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModeChoiceTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final User alice = new User("alice", "Alice", "alice@example.org", "hash", NOW);
    private final Profile work = new Profile(alice, "work", "+33 1 23 45 67 89", true, "out",
            AvailabilityState.NOT_AVAILABLE, NOW);

    @Test
    void aChoiceIsInForceFromItsMomentToItsBoundary() {
        ModeChoice choice = new ModeChoice(alice, work.defaultMode(), NOW, NOW.plusSeconds(3600));

        assertThat(choice.inForceAt(NOW.minusSeconds(1))).isFalse();
        assertThat(choice.inForceAt(NOW)).isTrue();
        assertThat(choice.inForceAt(NOW.plusSeconds(3600))).isFalse();
    }

    @Test
    void withoutABoundaryItHoldsUntilCleared() {
        ModeChoice choice = new ModeChoice(alice, work.defaultMode(), NOW, null);

        assertThat(choice.getUntil()).isEmpty();
        assertThat(choice.inForceAt(NOW.plusSeconds(10L * 365 * 86400))).isTrue();
    }

    @Test
    void aUserChoosesAmongTheirOwnModes() {
        User bob = new User("bob", "Bob", "bob@example.org", "hash", NOW);

        assertThatThrownBy(() -> new ModeChoice(bob, work.defaultMode(), NOW, null))
                .hasMessageContaining("their own profiles");
        assertThatThrownBy(() -> new ModeChoice(alice, work.defaultMode(), NOW, NOW))
                .hasMessageContaining("ends after it is made");
    }
}

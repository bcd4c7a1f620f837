package dev.liaison.presence.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.Profile;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorisationRequestTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final User alice = new User("alice", "Alice", "alice@example.org", "hash", NOW);
    private final User bob = new User("bob", "Bob", "bob@example.org", "hash", NOW);
    private final Profile work = new Profile(alice, "work", "+33 1 23 45 67 89", true, "out",
            AvailabilityState.NOT_AVAILABLE, NOW);

    @Test
    void aRequestIsAnsweredOnce() {
        AuthorisationRequest request = new AuthorisationRequest(bob, "bob", work, NOW);

        assertThat(request.getTarget()).isSameAs(alice);
        assertThat(request.getState()).isEqualTo(AuthorisationRequest.State.PENDING);
        assertThat(request.getAnsweredAt()).isEmpty();
        request.grant(NOW.plusSeconds(60));
        assertThat(request.getState()).isEqualTo(AuthorisationRequest.State.GRANTED);
        assertThat(request.getAnsweredAt()).contains(NOW.plusSeconds(60));
        assertThatThrownBy(() -> request.refuse(NOW.plusSeconds(120))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already answered: GRANTED");
        assertThat(request.getState()).isEqualTo(AuthorisationRequest.State.GRANTED);
    }

    @Test
    void anAddressMayAskAndBeRefused() {
        AuthorisationRequest request = new AuthorisationRequest(null, "sip:eve@example.org", work, NOW);

        request.refuse(NOW.plusSeconds(5));
        assertThat(request.getState()).isEqualTo(AuthorisationRequest.State.REFUSED);
        assertThat(request.getWatcherUser()).isEmpty();
    }

    @Test
    void aRegisteredWatcherIsNamedByUsername() {
        assertThatThrownBy(() -> new AuthorisationRequest(bob, "sip:bob@example.org", work, NOW))
                .hasMessageContaining("named by username");
    }
}

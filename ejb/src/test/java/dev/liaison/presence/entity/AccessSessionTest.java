package dev.liaison.presence.entity;

import dev.liaison.directory.entity.Terminal;
import dev.liaison.directory.entity.User;
import dev.liaison.presence.entity.AccessSession.Origin;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.Profile;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessSessionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final User alice = new User("alice", "Alice", "alice@example.org", "hash", NOW);
    private final User bob = new User("bob", "Bob", "bob@example.org", "hash", NOW);
    private final Terminal phone = new Terminal(alice, Terminal.Kind.SIP, "sip:alice@192.0.2.10:5060", "desk phone", NOW);
    private final Profile work = new Profile(alice, "work", "+33 1 23 45 67 89", true, "out",
            AvailabilityState.NOT_AVAILABLE, NOW);

    @Test
    void aSessionLivesUntilItExpires() {
        AccessSession session = AccessSession.onTerminal(phone, work, Origin.SIP, NOW, NOW.plusSeconds(3600));

        assertThat(session.getUser()).isSameAs(alice);
        assertThat(session.isLiveAt(NOW.minusSeconds(1))).isFalse();
        assertThat(session.isLiveAt(NOW)).isTrue();
        assertThat(session.isLiveAt(NOW.plusSeconds(3599))).isTrue();
        assertThat(session.isLiveAt(NOW.plusSeconds(3600))).isFalse();
    }

    @Test
    void aRefreshedRegistrationLivesLonger() {
        AccessSession session = AccessSession.onTerminal(phone, null, Origin.SIP, NOW, NOW.plusSeconds(3600));

        session.refresh(NOW.plusSeconds(3000), NOW.plusSeconds(6600));
        assertThat(session.isLiveAt(NOW.plusSeconds(6000))).isTrue();
        assertThat(session.getProfile()).isEmpty();
        assertThatThrownBy(() -> session.refresh(NOW.plusSeconds(7000), NOW.plusSeconds(9000)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnotherCallIdOrAHigherCseqComesAfterTheRegisterThatWroteTheSession() {
        AccessSession session = AccessSession.onTerminal(phone, null, Origin.SIP, NOW, NOW.plusSeconds(3600));
        assertThat(session.isWrittenAfter("call-1", 1)).isFalse();

        session.writtenBy("call-1", 5);
        assertThat(session.isWrittenAfter("call-1", 4)).isTrue();
        assertThat(session.isWrittenAfter("call-1", 5)).isTrue();
        assertThat(session.isWrittenAfter("call-1", 6)).isFalse();
        assertThat(session.isWrittenAfter("call-2", 1)).isFalse();

        session.writtenBy("call-2", 1);
        assertThat(session.isWrittenAfter("call-1", 6)).isFalse();
        assertThat(session.isWrittenAfter("call-2", 1)).isTrue();
    }

    @Test
    void disconnectionEndsTheSessionOnce() {
        AccessSession session = AccessSession.onContact(alice, "sip:alice@198.51.100.7", work, Origin.WEB, NOW, null);

        session.end(NOW.plusSeconds(60));
        session.end(NOW.plusSeconds(120));
        assertThat(session.getEndedAt()).contains(NOW.plusSeconds(60));
        assertThat(session.isLiveAt(NOW.plusSeconds(59))).isTrue();
        assertThat(session.isLiveAt(NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void anExpiredSessionEndsWhenItExpired() {
        AccessSession session = AccessSession.onTerminal(phone, work, Origin.SIP, NOW, NOW.plusSeconds(3600));

        session.end(NOW.plusSeconds(5000));
        assertThat(session.getEndedAt()).contains(NOW.plusSeconds(3600));
    }

    @Test
    void aTerminalActivatesOnlyItsOwnersProfiles() {
        Terminal bobsPhone = new Terminal(bob, Terminal.Kind.SIP, "sip:bob@192.0.2.11", null, NOW);

        assertThatThrownBy(() -> AccessSession.onTerminal(bobsPhone, work, Origin.SIP, NOW, null))
                .hasMessageContaining("a profile of its own user");
        assertThatThrownBy(() -> AccessSession.onContact(alice, " ", work, Origin.SIP, NOW, null))
                .hasMessageContaining("terminal or contact URI");
        assertThatThrownBy(() -> AccessSession.onTerminal(phone, work, Origin.SIP, NOW, NOW))
                .hasMessageContaining("expires after it starts");
    }
}

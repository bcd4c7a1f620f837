package dev.liaison.events.control;

import dev.liaison.directory.boundary.UserRegistered;
import dev.liaison.platform.ActedForUser;
import dev.liaison.platform.DomainEvent;
import dev.liaison.presence.boundary.ContactStateChanged;
import dev.liaison.presence.boundary.WatchersChanged;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.DisclosedState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventMessagesTest {

    private static final Instant AT = Instant.parse("2026-05-04T10:15:30.123Z");

    @Test
    void theEventsOfOneTransactionComeBackEqualAndInOrder() {
        List<DomainEvent> events = List.of(
                new ContactStateChanged("bob", "ann", new DisclosedState(ConnectabilityState.IN_TRANSFER, "MOBILE", "+33 6 11"),
                        AT, true, ConnectabilityState.CONNECTABLE, "TRANSFER", "mode chosen", true),
                new ContactStateChanged("carl", "ann", DisclosedState.of(ConnectabilityState.UNKNOWN), AT, false, null,
                        "NOT_AUTHORISED", "subscribed", false),
                new WatchersChanged("ann", AT),
                new UserRegistered("dora", "dora@example.com", "Dora", AT),
                new ActedForUser("admin", "ann", "mode chosen", "PUT /api/profiles/1/choice", AT));

        assertThat(EventMessages.read(EventMessages.write(events))).containsExactlyElementsOf(events);
    }

    @Test
    void aMessageNamingAClassThatIsNoDomainEventOfOursIsRefused() {
        assertThatThrownBy(() -> EventMessages.read("[{\"class\":\"java.lang.ProcessBuilder\",\"event\":{}}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventMessages.read("[{\"class\":\"dev.liaison.platform.Roles\",\"event\":{}}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventMessages.read("{\"not\":\"a list\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLogKeepsWhatAWatcherWasToldInTheShapeItAlwaysHad() {
        ContactStateChanged change = new ContactStateChanged("bob", "ann", DisclosedState.of(ConnectabilityState.CONNECTABLE),
                AT, true, null, "CONNECTED", "terminal connected", true);

        assertThat(change.type()).isEqualTo("ConnectabilityChanged");
        assertThat(change.subject()).isEqualTo("ann");
        assertThat(change.detail()).isEqualTo(
                "{\"watcher\":\"bob\",\"from\":\"NONE\",\"to\":\"CONNECTABLE\",\"reason\":\"CONNECTED\",\"cause\":\"terminal connected\"}");
    }
}

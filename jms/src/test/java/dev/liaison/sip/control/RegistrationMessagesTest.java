package dev.liaison.sip.control;

import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.ContactBinding;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationMessagesTest {

    @Test
    void aRegistrationCrossesTheQueueUnchanged() {
        Registration registration = new Registration("alice", List.of(
                new ContactBinding("sip:alice@192.0.2.1:5062;transport=tcp", 600, "professional"),
                new ContactBinding("sip:alice@192.0.2.2", 0, null)), false, "a84b4c76e66710@pc33.example.com", 3_000_000_001L);
        assertThat(RegistrationMessages.decodeRegistration(RegistrationMessages.encode(registration))).isEqualTo(registration);

        Registration removeAll = new Registration("bob", List.of(), true, "843817637684230@998sdasdh09", 1);
        assertThat(RegistrationMessages.decodeRegistration(RegistrationMessages.encode(removeAll))).isEqualTo(removeAll);
    }

    @Test
    void aResultCrossesTheQueueUnchanged() {
        RegistrationResult accepted = RegistrationResult.accepted(List.of(
                new Binding("sip:alice@192.0.2.1:5062", 599, null, 7), new Binding("sip:alice@192.0.2.2", 30, "personal", 8)));
        assertThat(RegistrationMessages.decodeResult(RegistrationMessages.encode(accepted))).isEqualTo(accepted);

        RegistrationResult none = RegistrationResult.accepted(List.of());
        assertThat(RegistrationMessages.decodeResult(RegistrationMessages.encode(none))).isEqualTo(none);

        RegistrationResult refused = RegistrationResult.refused("Unknown profile work");
        assertThat(RegistrationMessages.decodeResult(RegistrationMessages.encode(refused))).isEqualTo(refused);
    }

    @Test
    void aBatchCrossesTheQueueInOrder() {
        List<HandOff.Entry<Registration>> batch = List.of(
                new HandOff.Entry<>("node-1", new Registration("alice",
                        List.of(new ContactBinding("sip:alice@192.0.2.1", 600, null)), false, "c1@host", 2)),
                new HandOff.Entry<>("node-2", new Registration("bob", List.of(), true, "c2@host", 7)));
        assertThat(RegistrationMessages.decodeRegistrations(RegistrationMessages.encodeRegistrations(batch))).isEqualTo(batch);

        List<HandOff.Entry<RegistrationResult>> results = List.of(
                new HandOff.Entry<>("node-2", RegistrationResult.refused(RegistrationResult.OUT_OF_ORDER)),
                new HandOff.Entry<>("node-1", RegistrationResult.accepted(
                        List.of(new Binding("sip:alice@192.0.2.1", 600, null, 3)))));
        assertThat(RegistrationMessages.decodeResults(RegistrationMessages.encodeResults(results))).isEqualTo(results);
    }
}

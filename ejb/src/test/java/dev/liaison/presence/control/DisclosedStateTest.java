package dev.liaison.presence.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.DisclosedState;
import dev.liaison.presence.control.TargetState.ActiveProfile;
import dev.liaison.presence.control.TargetState.Connection;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.TransferTarget;
import dev.liaison.profile.entity.TransferTarget.Kind;
import dev.liaison.profile.entity.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alice transfers her calls; bob is authorised, carol is denied, dave is in no list of her open or closed profile. */
class DisclosedStateTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final TransferTarget DESK = TransferTarget.of(Kind.VOIP, "sip:desk@example.org");

    private static TargetState alice(Visibility visibility) {
        Mode away = Mode.forEveryone("away", AvailabilityState.TRANSFER, DESK);
        return new TargetState("alice", true, new ActiveProfile("home", visibility, List.of(away),
                new Lists(Set.of("bob"), Set.of("carol"), Set.of())), List.<Connection>of(), Set.of());
    }

    private static DisclosedState seenBy(String watcher, Visibility visibility) {
        return DisclosedState.of(Connectability.evaluate(alice(visibility), new Watcher(watcher), NOW).disclosed());
    }

    @Test
    void theUserAndTheirAuthorisedContactsLearnWhereCallsGo() {
        for (String trusted : List.of("alice", "bob")) {
            DisclosedState seen = seenBy(trusted, Visibility.ON_AUTHORISATION);
            assertThat(seen).isEqualTo(new DisclosedState(ConnectabilityState.IN_TRANSFER, "VOIP", "sip:desk@example.org"));
            assertThat(seen.transferUri()).contains("sip:desk@example.org");
            assertThat(seen.transfer()).contains(DESK);
        }
    }

    @Test
    void everyOtherWatcherGetsTheBareStateEvenOnAnOpenProfile() {
        assertThat(seenBy("dave", Visibility.OPEN)).isEqualTo(DisclosedState.of(ConnectabilityState.IN_TRANSFER));
        assertThat(seenBy("dave", Visibility.OPEN).transferUri()).isEmpty();
        assertThat(seenBy("carol", Visibility.OPEN)).isEqualTo(DisclosedState.of(ConnectabilityState.UNKNOWN));
        assertThat(seenBy("dave", Visibility.ON_AUTHORISATION)).isEqualTo(DisclosedState.of(ConnectabilityState.UNKNOWN));
    }

    @ParameterizedTest
    @CsvSource({
            "MOBILE, +33 6 11 22 33 44, tel:+33611223344",
            "FIXED_PHONE, +33 1 02 03 04 05, tel:+33102030405",
            "MMS, +33611223344, tel:+33611223344",
            "SMS, +33 6 11 22 33 44, sms:+33611223344",
            "EMAIL, ann@example.org, mailto:ann@example.org",
            "VOIP, sip:ann@example.org, sip:ann@example.org",
            "TERMINAL, sip:ann@192.0.2.7:5062, sip:ann@192.0.2.7:5062"})
    void aTransferTargetBecomesAUriAClientCanUse(Kind kind, String address, String uri) {
        assertThat(new DisclosedState(ConnectabilityState.IN_TRANSFER, kind.name(), address).transferUri()).contains(uri);
    }

    @Test
    void aTerminalWithoutAUriAddressHasNoUriAndOnlyATransferCarriesATarget() {
        assertThat(new DisclosedState(ConnectabilityState.IN_TRANSFER, "TERMINAL", "browser-1").transferUri()).isEmpty();
        assertThatThrownBy(() -> new DisclosedState(ConnectabilityState.CONNECTABLE, "MOBILE", "+33611223344"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DisclosedState(ConnectabilityState.IN_TRANSFER, "MOBILE", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

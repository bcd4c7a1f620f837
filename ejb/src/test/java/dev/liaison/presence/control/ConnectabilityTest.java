package dev.liaison.presence.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.control.Connectability.Reason;
import dev.liaison.presence.control.Connectability.Result;
import dev.liaison.presence.control.TargetState.ActiveProfile;
import dev.liaison.presence.control.TargetState.Connection;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.TransferTarget;
import dev.liaison.profile.entity.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.liaison.presence.boundary.ConnectabilityState.CONNECTABLE;
import static dev.liaison.presence.boundary.ConnectabilityState.IN_TRANSFER;
import static dev.liaison.presence.boundary.ConnectabilityState.NOT_CONNECTABLE;
import static dev.liaison.presence.boundary.ConnectabilityState.SUBJECT_TO_AUTHORISATION;
import static dev.liaison.presence.boundary.ConnectabilityState.UNKNOWN;
import static dev.liaison.profile.boundary.AvailabilityState.AVAILABLE;
import static dev.liaison.profile.boundary.AvailabilityState.NOT_AVAILABLE;
import static dev.liaison.profile.boundary.AvailabilityState.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Alice is watched. Bob and gina (by SIP address) are authorised on her professional profile, carol
 * is denied, dave must ask first, erin has asked, frank is in no list.
 */
class ConnectabilityTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String PROFILE = "professional";
    private static final String GINA = "sip:gina@example.org";
    private static final TransferTarget MOBILE = TransferTarget.of(TransferTarget.Kind.MOBILE, "+33 6 12 34 56 78");

    private static final Lists LISTS = new Lists(Set.of("bob", GINA), Set.of("carol"), Set.of("dave"));

    private static final Mode OFFICE = Mode.forEveryone("office", AVAILABLE, null);
    private static final Mode OFF = Mode.forEveryone("off", NOT_AVAILABLE, null);
    private static final Mode TRAVEL = Mode.forEveryone("travel", TRANSFER, MOBILE);
    private static final Mode HIDDEN = Mode.forEveryone("hidden", AvailabilityState.UNKNOWN, null);

    private static final Connection ON_PROFILE = new Connection("sip:alice@10.0.0.5", PROFILE, NOW.minusSeconds(600),
            NOW.plusSeconds(3000), null);
    private static final Connection FOLLOWING = new Connection("web:alice-1", null, NOW.minusSeconds(600), null, null);
    private static final Connection OTHER_PROFILE = new Connection("sip:alice@10.0.0.6", "personal", NOW.minusSeconds(600),
            null, null);
    private static final Connection EXPIRED = new Connection("sip:alice@10.0.0.7", PROFILE, NOW.minusSeconds(3600),
            NOW, null);
    private static final Connection ENDED = new Connection("sip:alice@10.0.0.8", PROFILE, NOW.minusSeconds(3600),
            null, NOW.minusSeconds(1));
    private static final Connection LATER = new Connection("sip:alice@10.0.0.9", PROFILE, NOW.plusSeconds(1), null, null);

    private static TargetState alice(Visibility visibility, List<Mode> modes, List<Connection> connections) {
        return new TargetState("alice", true, new ActiveProfile(PROFILE, visibility, modes, LISTS), connections,
                Set.of("erin", "carol"));
    }

    private static TargetState alice(List<Mode> modes, List<Connection> connections) {
        return alice(Visibility.ON_AUTHORISATION, modes, connections);
    }

    private static TargetState available() {
        return alice(List.of(OFFICE), List.of(ON_PROFILE));
    }

    private static TargetState open(Mode mode, List<Connection> connections) {
        return alice(Visibility.OPEN, List.of(mode), connections);
    }

    static Stream<Arguments> cases() {
        Mode bobOnly = Mode.forContacts("boss-only", AVAILABLE, null, Set.of("bob"));
        Mode hiddenFromBob = Mode.forContacts("not-for-bob", AvailabilityState.UNKNOWN, null,
                Set.of("bob"));
        Mode travelForGina = Mode.forContacts("gina-travel", TRANSFER, MOBILE, Set.of(GINA));
        Optional<TransferTarget> none = Optional.empty();
        return Stream.of(
                // 1: not registered
                arguments("an authorised name of a user who does not exist", TargetState.notRegistered("alice"), "bob",
                        UNKNOWN, Reason.NOT_REGISTERED, none, false),
                arguments("a stranger asking for a user who does not exist", TargetState.notRegistered("alice"), "frank",
                        UNKNOWN, Reason.NOT_REGISTERED, none, false),
                // 2: denied
                arguments("denied while connectable", available(), "carol", UNKNOWN, Reason.DENIED, none, false),
                arguments("denied with a pending request", alice(List.of(OFF), List.of()), "carol",
                        UNKNOWN, Reason.DENIED, none, false),
                arguments("denied on an open profile", open(OFFICE, List.of(ON_PROFILE)), "carol",
                        UNKNOWN, Reason.DENIED, none, false),
                // 4, 5: must ask, has asked, has not
                arguments("must ask, while connectable", available(), "dave",
                        SUBJECT_TO_AUTHORISATION, Reason.AUTHORISATION_REQUIRED, none, false),
                arguments("must ask, while hidden and offline", alice(List.of(HIDDEN), List.of()), "dave",
                        SUBJECT_TO_AUTHORISATION, Reason.AUTHORISATION_REQUIRED, none, false),
                arguments("must ask, even on an open profile", open(TRAVEL, List.of()), "dave",
                        SUBJECT_TO_AUTHORISATION, Reason.AUTHORISATION_REQUIRED, none, false),
                arguments("has asked and waits", available(), "erin",
                        SUBJECT_TO_AUTHORISATION, Reason.AUTHORISATION_PENDING, none, false),
                arguments("a stranger while connectable", available(), "frank", UNKNOWN, Reason.NOT_AUTHORISED, none, false),
                arguments("a stranger while offline", alice(List.of(OFFICE), List.of()), "frank",
                        UNKNOWN, Reason.NOT_AUTHORISED, none, false),
                arguments("a stranger while transferring", alice(List.of(TRAVEL), List.of()), "frank",
                        UNKNOWN, Reason.NOT_AUTHORISED, none, false),
                // 5'': open profile, public watchers
                arguments("a stranger on an open profile", open(OFFICE, List.of(ON_PROFILE)), "frank",
                        CONNECTABLE, Reason.AVAILABLE, none, false),
                arguments("a stranger on an open profile does not see the transfer target", open(TRAVEL, List.of()),
                        "frank", IN_TRANSFER, Reason.TRANSFERRED, none, false),
                arguments("a stranger on an open profile, offline", open(OFFICE, List.of()), "frank",
                        NOT_CONNECTABLE, Reason.NO_TERMINAL, none, false),
                arguments("a pending request changes nothing on an open profile", open(OFFICE, List.of(ON_PROFILE)),
                        "erin", CONNECTABLE, Reason.AVAILABLE, none, false),
                // 6-11: trusted
                arguments("authorised, available, connected on the profile", available(), "bob",
                        CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("authorised by address", available(), GINA, CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("a terminal that follows the active profile counts", alice(List.of(OFFICE), List.of(FOLLOWING)),
                        "bob", CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("a terminal on another profile does not count", alice(List.of(OFFICE), List.of(OTHER_PROFILE)),
                        "bob", NOT_CONNECTABLE, Reason.NO_TERMINAL, none, true),
                arguments("an expired access session does not count", alice(List.of(OFFICE), List.of(EXPIRED)),
                        "bob", NOT_CONNECTABLE, Reason.NO_TERMINAL, none, true),
                arguments("an ended access session does not count", alice(List.of(OFFICE), List.of(ENDED)),
                        "bob", NOT_CONNECTABLE, Reason.NO_TERMINAL, none, true),
                arguments("an access session that has not started does not count", alice(List.of(OFFICE), List.of(LATER)),
                        "bob", NOT_CONNECTABLE, Reason.NO_TERMINAL, none, true),
                arguments("available without any terminal", alice(List.of(OFFICE), List.of()), "bob",
                        NOT_CONNECTABLE, Reason.NO_TERMINAL, none, true),
                arguments("not available while connected", alice(List.of(OFF), List.of(ON_PROFILE)), "bob",
                        NOT_CONNECTABLE, Reason.NOT_AVAILABLE, none, true),
                arguments("not available and offline", alice(List.of(OFF), List.of()), "bob",
                        NOT_CONNECTABLE, Reason.NO_TERMINAL, none, true),
                arguments("transferring while connected", alice(List.of(TRAVEL), List.of(ON_PROFILE)), "bob",
                        IN_TRANSFER, Reason.TRANSFERRED, Optional.of(MOBILE), true),
                arguments("transferring needs no terminal", alice(List.of(TRAVEL), List.of()), "bob",
                        IN_TRANSFER, Reason.TRANSFERRED, Optional.of(MOBILE), true),
                arguments("a hiding mode hides from authorised watchers too", alice(List.of(HIDDEN), List.of(ON_PROFILE)),
                        "bob", UNKNOWN, Reason.HIDDEN, none, true),
                arguments("the user sees herself on a closed profile", available(), "alice",
                        CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("the user is never denied to herself",
                        new TargetState("carol", true, new ActiveProfile(PROFILE, Visibility.ON_AUTHORISATION,
                                List.of(OFFICE), LISTS), List.of(ON_PROFILE), Set.of()), "carol",
                        CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("authorised wins over must-ask",
                        new TargetState("alice", true, new ActiveProfile(PROFILE, Visibility.ON_AUTHORISATION, List.of(OFFICE),
                                new Lists(Set.of("dave"), Set.of(), Set.of("dave"))), List.of(ON_PROFILE), Set.of()), "dave",
                        CONNECTABLE, Reason.AVAILABLE, none, true),
                // 6: scopes
                arguments("a mode scoped to bob applies to bob", alice(List.of(bobOnly, OFF), List.of(ON_PROFILE)), "bob",
                        CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("outside the scope the next mode applies", alice(List.of(bobOnly, OFF), List.of(ON_PROFILE)), GINA,
                        NOT_CONNECTABLE, Reason.NOT_AVAILABLE, none, true),
                arguments("a scoped hiding mode hides only from its contacts",
                        alice(List.of(hiddenFromBob, OFFICE), List.of(ON_PROFILE)), "bob", UNKNOWN, Reason.HIDDEN, none, true),
                arguments("and the others see the mode below it",
                        alice(List.of(hiddenFromBob, OFFICE), List.of(ON_PROFILE)), GINA, CONNECTABLE, Reason.AVAILABLE, none, true),
                arguments("a transfer for one contact only",
                        alice(List.of(travelForGina, bobOnly, OFF), List.of()), GINA,
                        IN_TRANSFER, Reason.TRANSFERRED, Optional.of(MOBILE), true),
                arguments("skips past several scopes to the default",
                        alice(List.of(travelForGina, bobOnly, OFF), List.of(ON_PROFILE)), "alice",
                        NOT_CONNECTABLE, Reason.NOT_AVAILABLE, none, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void connectability(String situation, TargetState target, String watcher, ConnectabilityState state, Reason reason,
                        Optional<TransferTarget> transferTarget, boolean trusted) {
        Result result = Connectability.evaluate(target, new Watcher(watcher), NOW);

        assertThat(result).isEqualTo(new Result(state, reason, transferTarget, trusted));
        assertThat(result.disclosed().reason()).isEqualTo(trusted ? Optional.of(reason) : Optional.empty());
    }

    @Test
    void aDeniedWatcherIsToldExactlyWhatAStrangerToTheServerIsTold() {
        Result denied = Connectability.evaluate(available(), new Watcher("carol"), NOW);
        Result absent = Connectability.evaluate(TargetState.notRegistered("alice"), new Watcher("carol"), NOW);

        assertThat(denied.reason()).isNotEqualTo(absent.reason());
        assertThat(denied.disclosed()).isEqualTo(absent.disclosed());
    }

    @Test
    void anAccessSessionEndsAtItsExpiryInstant() {
        TargetState target = alice(List.of(OFFICE), List.of(EXPIRED));

        assertThat(Connectability.evaluate(target, new Watcher("bob"), NOW.minus(Duration.ofNanos(1))).state())
                .isEqualTo(CONNECTABLE);
        assertThat(Connectability.evaluate(target, new Watcher("bob"), NOW).state()).isEqualTo(NOT_CONNECTABLE);
    }
}

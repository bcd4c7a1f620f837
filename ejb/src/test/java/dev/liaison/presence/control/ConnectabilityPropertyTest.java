package dev.liaison.presence.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.control.Connectability.Result;
import dev.liaison.presence.control.TargetState.ActiveProfile;
import dev.liaison.presence.control.TargetState.Connection;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.TransferTarget;
import dev.liaison.profile.entity.Visibility;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises of the connectability function over generated states: any registration, lists,
 * pending requests, visibility, mode stack, access sessions (live, expired, ended, on other
 * profiles) and instant, with watchers drawn from the same few contacts so that they are often listed.
 */
class ConnectabilityPropertyTest {

    private static final String TARGET = "alice";
    private static final String PROFILE = "work";
    private static final List<String> CONTACTS = List.of(TARGET, "bob", "carol", "dave", "sip:eve@example.org",
            "tel:+33123456789");
    private static final Instant BASE = Instant.parse("2026-03-02T09:00:00Z");

    /** A generated situation: the target's state, the watcher and the instant. */
    record Situation(TargetState target, Watcher watcher, Instant now) {

        Result evaluate() {
            return Connectability.evaluate(target, watcher, now);
        }

        boolean trusted() {
            if (!target.registered()) {
                return false;
            }
            Lists lists = target.profile().lists();
            String contact = watcher.contact();
            return contact.equals(TARGET) || (!lists.denied().contains(contact) && lists.authorised().contains(contact));
        }

        boolean publicWatcher() {
            if (!target.registered() || trusted()) {
                return false;
            }
            Lists lists = target.profile().lists();
            String contact = watcher.contact();
            return target.profile().visibility() == Visibility.OPEN && !lists.denied().contains(contact)
                    && !lists.authorisationRequired().contains(contact);
        }

        boolean connected() {
            return target.connections().stream().anyMatch(c -> c.liveAt(now) && c.serves(PROFILE));
        }

        Situation withTarget(TargetState other) {
            return new Situation(other, watcher, now);
        }
    }

    @Provide
    Arbitrary<Situation> situations() {
        Arbitrary<Set<String>> subsets = Arbitraries.of(CONTACTS).set().ofMaxSize(3);
        Arbitrary<Lists> lists = Combinators.combine(subsets, subsets, subsets).as(Lists::new);
        Arbitrary<ActiveProfile> profile = Combinators.combine(
                Arbitraries.of(Visibility.class), modeStacks(), lists)
                .as((visibility, modes, l) -> new ActiveProfile(PROFILE, visibility, modes, l));
        Arbitrary<TargetState> registered = Combinators.combine(profile, connections().list().ofMaxSize(4), subsets)
                .as((p, c, pending) -> new TargetState(TARGET, true, p, c, pending));
        Arbitrary<TargetState> target = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(TargetState.notRegistered(TARGET))), Tuple.of(9, registered));
        Arbitrary<Instant> now = Arbitraries.longs().between(-7200, 7200).map(BASE::plusSeconds);
        return Combinators.combine(target, Arbitraries.of(CONTACTS).map(Watcher::new), now).as(Situation::new);
    }

    private Arbitrary<List<Mode>> modeStacks() {
        Arbitrary<Mode> scoped = Combinators.combine(Arbitraries.of(AvailabilityState.class),
                        Arbitraries.of(CONTACTS).set().ofMinSize(1).ofMaxSize(3))
                .as((state, scope) -> Mode.forContacts("scoped", state, transferFor(state), scope));
        Arbitrary<Mode> everyone = Arbitraries.of(AvailabilityState.class)
                .map(state -> Mode.forEveryone("default", state, transferFor(state)));
        return Combinators.combine(scoped.list().ofMaxSize(3), everyone).as((upper, last) -> {
            List<Mode> stack = new ArrayList<>(upper);
            stack.add(last);
            return stack;
        });
    }

    private static TransferTarget transferFor(AvailabilityState state) {
        return state == AvailabilityState.TRANSFER ? TransferTarget.of(TransferTarget.Kind.VOIP, "sip:desk@example.org") : null;
    }

    private Arbitrary<Connection> connections() {
        Arbitrary<Long> offset = Arbitraries.longs().between(-7200, 7200);
        Arbitrary<Instant> optionalInstant = offset.map(BASE::plusSeconds).injectNull(0.4);
        return Combinators.combine(Arbitraries.of("work", "home").injectNull(0.3), offset.map(BASE::plusSeconds),
                        optionalInstant, optionalInstant)
                .as((profile, started, expires, ended) -> new Connection("sip:alice@192.0.2.1", profile, started,
                        expires, ended));
    }

    @Property
    void aWatcherWhoIsNotAuthorisedLearnsAtMostThatTheyMustAsk(@ForAll("situations") Situation situation) {
        Result result = situation.evaluate();
        if (situation.trusted() || situation.publicWatcher()) {
            return;
        }
        String contact = situation.watcher().contact();
        assertThat(result.state()).isIn(ConnectabilityState.UNKNOWN, ConnectabilityState.SUBJECT_TO_AUTHORISATION);
        if (result.state() == ConnectabilityState.SUBJECT_TO_AUTHORISATION) {
            Lists lists = situation.target().profile().lists();
            assertThat(lists.denied()).doesNotContain(contact);
            assertThat(lists.authorisationRequired().contains(contact)
                    || situation.target().pendingRequests().contains(contact)).isTrue();
        }
        assertThat(result.disclosed().reason()).isEmpty();
        assertThat(result.disclosed().transferTarget()).isEmpty();
    }

    @Property
    void whatAnUnauthorisedWatcherLearnsDoesNotDependOnTheTargetsActivity(@ForAll("situations") Situation situation) {
        if (!situation.target().registered() || situation.trusted() || situation.publicWatcher()) {
            return;
        }
        TargetState target = situation.target();
        ActiveProfile profile = target.profile();
        TargetState busyElsewhere = new TargetState(TARGET, true,
                new ActiveProfile(PROFILE, profile.visibility(),
                        List.of(Mode.forEveryone("other", AvailabilityState.AVAILABLE, null)), profile.lists()),
                List.of(new Connection("web:alice", null, BASE.minusSeconds(1), null, null)), target.pendingRequests());

        assertThat(Connectability.evaluate(busyElsewhere, situation.watcher(), BASE).disclosed())
                .isEqualTo(situation.evaluate().disclosed());
    }

    @Property
    void withoutALiveTerminalOnTheActiveProfileNobodyIsToldConnectable(@ForAll("situations") Situation situation) {
        if (situation.connected()) {
            return;
        }
        assertThat(situation.evaluate().state()).isNotEqualTo(ConnectabilityState.CONNECTABLE);
    }

    @Property
    void withoutAnyTerminalATrustedWatcherIsToldNotConnectableUnlessHiddenOrTransferred(
            @ForAll("situations") Situation situation) {
        if (!situation.trusted()) {
            return;
        }
        TargetState target = situation.target();
        TargetState offline = new TargetState(TARGET, true, target.profile(), List.of(), target.pendingRequests());

        assertThat(Connectability.evaluate(offline, situation.watcher(), situation.now()).state())
                .isIn(ConnectabilityState.NOT_CONNECTABLE, ConnectabilityState.UNKNOWN, ConnectabilityState.IN_TRANSFER);
    }

    @Property
    void aDeniedWatcherIsToldWhatTheyWouldBeToldOfAUserWhoDoesNotExist(@ForAll("situations") Situation situation) {
        if (!situation.target().registered() || situation.watcher().contact().equals(TARGET)) {
            return;
        }
        TargetState target = situation.target();
        ActiveProfile profile = target.profile();
        Set<String> denied = new HashSet<>(profile.lists().denied());
        denied.add(situation.watcher().contact());
        Lists lists = new Lists(profile.lists().authorised(), denied, profile.lists().authorisationRequired());
        TargetState denying = new TargetState(TARGET, true,
                new ActiveProfile(PROFILE, profile.visibility(), profile.modes(), lists),
                target.connections(), target.pendingRequests());

        assertThat(Connectability.evaluate(denying, situation.watcher(), situation.now()).disclosed())
                .isEqualTo(Connectability.evaluate(TargetState.notRegistered(TARGET), situation.watcher(), situation.now())
                        .disclosed());
    }

    @Property
    void theAnswerDependsOnlyOnTheInputsNotOnTheOrderOfTheSessions(@ForAll("situations") Situation situation,
                                                                  @ForAll long seed) {
        TargetState target = situation.target();
        List<Connection> shuffled = new ArrayList<>(target.connections());
        Collections.shuffle(shuffled, new Random(seed));
        TargetState reordered = target.registered()
                ? new TargetState(TARGET, true, target.profile(), shuffled, target.pendingRequests())
                : target;

        Result first = situation.evaluate();
        assertThat(situation.evaluate()).isEqualTo(first);
        assertThat(situation.withTarget(reordered).evaluate()).isEqualTo(first);
    }

    @Property
    void onlyATrustedWatcherOfATransferSeesWhereCallsGo(@ForAll("situations") Situation situation) {
        Result result = situation.evaluate();

        assertThat(result.transferTarget().isPresent())
                .isEqualTo(situation.trusted() && result.state() == ConnectabilityState.IN_TRANSFER);
        assertThat(result.trusted()).isEqualTo(situation.trusted());
    }

    @Example
    void theGeneratedSituationsReachEveryStateAndEveryReason() {
        List<Result> results = situations().sampleStream().limit(3000).map(Situation::evaluate).toList();

        assertThat(results).extracting(Result::state).containsAll(List.of(ConnectabilityState.values()));
        assertThat(results).extracting(Result::reason).containsAll(List.of(Connectability.Reason.values()));
    }
}

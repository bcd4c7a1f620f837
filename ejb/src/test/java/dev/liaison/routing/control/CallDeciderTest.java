package dev.liaison.routing.control;

import dev.liaison.presence.boundary.CallTarget;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.routing.boundary.CallDecision;
import dev.liaison.routing.boundary.CallOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import static org.assertj.core.api.Assertions.assertThat;

/** The decision from what the caller may see, the rules and the call: one row per situation. */
class CallDeciderTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> PHONE = List.of("sip:ann@192.0.2.1:5062");

    /** A caller trusted by the lists (authorised contact) with the given view. */
    private static CallTarget authorised(ConnectabilityState state, String reason, List<String> terminals, String transfer) {
        return new CallTarget("ann", "bob", Set.of("bob"), state, reason, true, true, 7L, "home", terminals, transfer);
    }

    /** A caller who may see the state but is not trusted (a public watcher, or one awaiting authorisation). */
    private static CallTarget outsider(ConnectabilityState state, List<String> terminals) {
        return new CallTarget("ann", "carol", Set.of("carol"), state, null, false, false, 7L, "home", terminals, null);
    }

    /** A caller from whom the lists hide the callee, or a callee who does not exist. */
    private static CallTarget hidden() {
        return new CallTarget("ann", "eve", Set.of("eve"), UNKNOWN, null, false, false, null, null, List.of(), null);
    }

    static Stream<Arguments> situations() {
        return Stream.of(
                // callee as seen, urgent, outcome, terminals given, forward to, rule
                Arguments.of(authorised(CONNECTABLE, "AVAILABLE", PHONE, null), false, CallOutcome.ACCEPT, PHONE, null, "default:CONNECTABLE"),
                Arguments.of(authorised(NOT_CONNECTABLE, "NO_TERMINAL", List.of(), null), false, CallOutcome.TO_MESSAGING, List.of(), null, "default:NOT_CONNECTABLE"),
                Arguments.of(authorised(NOT_CONNECTABLE, "NO_TERMINAL", List.of(), null), true, CallOutcome.TO_MESSAGING, List.of(), null, "default:NOT_CONNECTABLE"),
                Arguments.of(authorised(NOT_CONNECTABLE, "NOT_AVAILABLE", PHONE, null), false, CallOutcome.TO_MESSAGING, List.of(), null, "default:NOT_CONNECTABLE"),
                Arguments.of(authorised(NOT_CONNECTABLE, "NOT_AVAILABLE", PHONE, null), true, CallOutcome.ACCEPT, PHONE, null, "default:CONNECTABLE"),
                Arguments.of(authorised(UNKNOWN, "HIDDEN", PHONE, null), true, CallOutcome.ACCEPT, PHONE, null, "default:CONNECTABLE"),
                Arguments.of(authorised(IN_TRANSFER, "TRANSFERRED", List.of(), "tel:+33611223344"), false, CallOutcome.FORWARD, List.of(), "tel:+33611223344", "default:IN_TRANSFER"),
                Arguments.of(outsider(CONNECTABLE, PHONE), false, CallOutcome.ACCEPT, PHONE, null, "default:CONNECTABLE"),
                Arguments.of(outsider(IN_TRANSFER, List.of()), false, CallOutcome.TO_MESSAGING, List.of(), null, "default:IN_TRANSFER"),
                Arguments.of(outsider(NOT_CONNECTABLE, List.of()), true, CallOutcome.TO_MESSAGING, List.of(), null, "default:NOT_CONNECTABLE"),
                Arguments.of(outsider(SUBJECT_TO_AUTHORISATION, List.of()), true, CallOutcome.NOTIFY_ONLY, List.of(), null, "default:SUBJECT_TO_AUTHORISATION"),
                Arguments.of(hidden(), false, CallOutcome.TO_MESSAGING, List.of(), null, "default:UNKNOWN"),
                Arguments.of(hidden(), true, CallOutcome.TO_MESSAGING, List.of(), null, "default:UNKNOWN"));
    }

    @ParameterizedTest(name = "{0} urgent={1} -> {2}")
    @MethodSource("situations")
    void withoutRulesTheStateAndTheCallDecide(CallTarget target, boolean urgent, CallOutcome outcome, List<String> terminals,
                                              String forwardTo, String rule) {
        CallDecision decision = CallDecider.decide(target, Optional.empty(), "voice", urgent, NOW);

        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.terminals()).isEqualTo(terminals);
        assertThat(decision.forwardTo()).isEqualTo(forwardTo);
        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.state()).as("the state the caller sees, never the bypassed one").isEqualTo(target.state().name());
        if (!target.trusted()) {
            assertThat(String.join(" ", decision.trace()) + decision.reason())
                    .doesNotContain("NO_TERMINAL", "NOT_AVAILABLE", "HIDDEN", "TRANSFERRED", "tel:");
        }
    }

    @Test
    void theRulesAreNotRunForAHiddenCallee() throws Exception {
        Cpl.Script rejectAll = CplDocument.read("<cpl xmlns=\"urn:ietf:params:xml:ns:cpl\"><incoming><reject status=\"reject\"/></incoming></cpl>");

        CallDecision withRules = CallDecider.decide(hidden(), Optional.of(rejectAll), "voice", false, NOW);
        CallDecision nobody = CallDecider.decide(new CallTarget("ann", "eve", Set.of("eve"), UNKNOWN, null, false, false,
                null, null, List.of(), null), Optional.empty(), "voice", false, NOW);

        assertThat(withRules).isEqualTo(nobody);
    }

    @Test
    void aProxyRuleForACallerWhoMayNotBeGivenTerminalsGoesToMessaging() throws Exception {
        Cpl.Script proxy = CplDocument.read("<cpl xmlns=\"urn:ietf:params:xml:ns:cpl\"><incoming><proxy/></incoming></cpl>");

        CallDecision decision = CallDecider.decide(outsider(NOT_CONNECTABLE, List.of()), Optional.of(proxy), "voice", false, NOW);

        assertThat(decision.outcome()).isEqualTo(CallOutcome.TO_MESSAGING);
        assertThat(decision.rule()).isEqualTo("/cpl/incoming/proxy");
        assertThat(decision.terminals()).isEmpty();
    }
}

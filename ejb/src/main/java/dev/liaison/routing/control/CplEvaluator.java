package dev.liaison.routing.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.routing.control.Cpl.Action;
import dev.liaison.routing.control.Cpl.AddressCase;
import dev.liaison.routing.control.Cpl.AddressSwitch;
import dev.liaison.routing.control.Cpl.ConnectabilitySwitch;
import dev.liaison.routing.control.Cpl.Location;
import dev.liaison.routing.control.Cpl.Node;
import dev.liaison.routing.control.Cpl.Priority;
import dev.liaison.routing.control.Cpl.PriorityCase;
import dev.liaison.routing.control.Cpl.PrioritySwitch;
import dev.liaison.routing.control.Cpl.StateCase;
import dev.liaison.routing.control.Cpl.TimeCase;
import dev.liaison.routing.control.Cpl.TimeSwitch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link Cpl.Script} for one call: walks the tree from {@code incoming}, taking at each
 * switch the first case that matches (else {@code otherwise}), until an action or the end of a
 * branch. Pure: the same script and call always give the same outcome and the same trace.
 */
public final class CplEvaluator {

    private CplEvaluator() {
    }

    /**
     * What the script is asked about a call.
     *
     * @param callerAddresses every name the caller goes by (username, SIP URI, the address they called from)
     * @param priority        how urgent the call is
     * @param state           the callee's connectability as the caller may see it (after an urgent bypass)
     * @param now             when the call arrives
     */
    public record Call(Set<String> callerAddresses, Priority priority, ConnectabilityState state, Instant now) {
        public Call {
            callerAddresses = Set.copyOf(callerAddresses);
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(now, "now");
        }
    }

    /**
     * The outcome: the action reached (empty when a branch ended without one), the location a
     * {@code location} node set on the way (for a redirect), and each step taken, in order.
     */
    public record Outcome(Optional<Action> action, Optional<String> location, List<String> trace) {
        public Outcome {
            trace = List.copyOf(trace);
        }
    }

    public static Outcome evaluate(Cpl.Script script, Call call) {
        List<String> trace = new ArrayList<>();
        String location = null;
        Node node = script.incoming();
        if (node == null) {
            trace.add("/cpl/incoming: no action");
        }
        while (node != null) {
            if (node instanceof Action action) {
                trace.add(action.path());
                return new Outcome(Optional.of(action), Optional.ofNullable(location), trace);
            } else if (node instanceof Location l) {
                trace.add(l.path() + " url=" + l.url());
                location = l.url();
                node = l.next();
            } else if (node instanceof AddressSwitch s) {
                node = address(s, call, trace);
            } else if (node instanceof TimeSwitch s) {
                node = time(s, call, trace);
            } else if (node instanceof PrioritySwitch s) {
                node = priority(s, call, trace);
            } else {
                node = connectability((ConnectabilitySwitch) node, call, trace);
            }
        }
        trace.add("end of branch: no action");
        return new Outcome(Optional.empty(), Optional.ofNullable(location), trace);
    }

    private static Node address(AddressSwitch s, Call call, List<String> trace) {
        for (AddressCase c : s.cases()) {
            if (c.matches(call.callerAddresses())) {
                trace.add(c.path() + " " + c.test().name().toLowerCase().replace('_', '-') + "=" + c.value() + " matched the caller");
                return c.next();
            }
        }
        return otherwise(s.path(), s.otherwise(), "no address matched the caller", trace);
    }

    private static Node time(TimeSwitch s, Call call, List<String> trace) {
        for (TimeCase c : s.cases()) {
            if (c.contains(call.now(), s.zone())) {
                trace.add(c.path() + " contains " + call.now() + " (" + s.zone() + ")");
                return c.next();
            }
        }
        return otherwise(s.path(), s.otherwise(), "no period contains " + call.now(), trace);
    }

    private static Node priority(PrioritySwitch s, Call call, List<String> trace) {
        for (PriorityCase c : s.cases()) {
            if (c.matches(call.priority())) {
                trace.add(c.path() + " " + c.test().name().toLowerCase() + "=" + c.value().text() + " matched priority "
                        + call.priority().text());
                return c.next();
            }
        }
        return otherwise(s.path(), s.otherwise(), "no case matched priority " + call.priority().text(), trace);
    }

    private static Node connectability(ConnectabilitySwitch s, Call call, List<String> trace) {
        for (StateCase c : s.cases()) {
            if (c.state() == call.state()) {
                trace.add(c.path() + " is=" + c.state() + " matched");
                return c.next();
            }
        }
        return otherwise(s.path(), s.otherwise(), "no state matched " + call.state(), trace);
    }

    private static Node otherwise(String switchPath, Node otherwise, String why, List<String> trace) {
        trace.add(switchPath + ": " + why + (otherwise == null ? "" : ", otherwise"));
        return otherwise;
    }
}

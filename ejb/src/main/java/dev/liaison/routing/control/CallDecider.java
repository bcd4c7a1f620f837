package dev.liaison.routing.control;

import dev.liaison.presence.boundary.CallTarget;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.routing.boundary.CallDecision;
import dev.liaison.routing.boundary.CallOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a call from the callee as the caller may see them ({@link CallTarget}), the callee's
 * rules for the active profile (if any) and the call. Pure, so each decision can be explained by
 * its trace and tested without a server.
 *
 * <ol>
 * <li>A caller from whom the lists hide the callee (not registered, denied, not authorised) gets one
 *     answer for all of them, {@code TO_MESSAGING} with no detail: the rules are not run, so nothing
 *     in the answer depends on the callee, not even whether they exist.</li>
 * <li>An urgent call from an authorised contact, with a terminal connected on the active profile,
 *     bypasses availability: the rules and the default see {@code CONNECTABLE}.</li>
 * <li>The rules: the action reached decides ({@code proxy}: ring; {@code redirect}: forward to the
 *     location; {@code reject}; {@code mail}: messaging; {@code lia:notify-only}).</li>
 * <li>Otherwise the default by state: {@code CONNECTABLE} rings, {@code IN_TRANSFER} forwards to the
 *     transfer target (to a trusted caller; anyone else goes to messaging, since only the trusted
 *     may know where), {@code SUBJECT_TO_AUTHORISATION} notifies only, anything else goes to messaging.</li>
 * </ol>
 */
public final class CallDecider {

    private CallDecider() {
    }

    public static CallDecision decide(CallTarget target, Optional<Cpl.Script> rules, String service, boolean urgent,
                                      Instant now) {
        Decision d = new Decision(target, service, urgent);
        if (!target.visible()) {
            d.trace.add("connectability: UNKNOWN to this caller; the rules are not run");
            return d.to(CallOutcome.TO_MESSAGING, "default:UNKNOWN",
                    target.callee() + " cannot be reached directly; a message may be left");
        }
        d.trace.add("connectability: " + target.state() + (target.reason() == null ? "" : " (" + target.reason() + ")"));
        ConnectabilityState state = target.state();
        if (urgent && target.authorisedContact() && !target.terminals().isEmpty() && state != ConnectabilityState.CONNECTABLE) {
            state = ConnectabilityState.CONNECTABLE;
            d.trace.add("urgent call from an authorised contact: availability bypassed, " + target.state()
                    + " taken as CONNECTABLE");
        }
        if (rules.isPresent()) {
            d.trace.add("rules of profile " + target.activeProfile());
            CplEvaluator.Outcome outcome = CplEvaluator.evaluate(rules.get(), new CplEvaluator.Call(
                    target.callerAddresses(), urgent ? Cpl.Priority.URGENT : Cpl.Priority.NORMAL, state, now));
            d.trace.addAll(outcome.trace());
            if (outcome.action().isPresent()) {
                return act(d, outcome.action().get(), outcome.location(), state);
            }
        }
        return byDefault(d, state);
    }

    private static CallDecision act(Decision d, Cpl.Action action, Optional<String> location, ConnectabilityState state) {
        String rule = action.path();
        if (action instanceof Cpl.Proxy) {
            return d.target.terminals().isEmpty()
                    ? d.to(CallOutcome.TO_MESSAGING, rule, d.target.callee() + " cannot be rung now" + d.why(state))
                    : d.ring(rule, "the rules ring " + d.target.callee());
        }
        if (action instanceof Cpl.Redirect) {
            return location.isPresent()
                    ? d.forward(rule, location.get(), "the rules forward the call")
                    : d.to(CallOutcome.TO_MESSAGING, rule, "the rules redirect without a location");
        }
        if (action instanceof Cpl.Reject reject) {
            return d.to(CallOutcome.REJECT, rule, "rejected by the rules (" + reject.status() + ")"
                    + (reject.reason() == null ? "" : ": " + reject.reason()));
        }
        if (action instanceof Cpl.Mail mail) {
            d.mailbox = mail.url();
            return d.to(CallOutcome.TO_MESSAGING, rule, "the rules leave the call to messaging");
        }
        return d.to(CallOutcome.NOTIFY_ONLY, rule, d.target.callee() + " is told of the call; nothing rings");
    }

    private static CallDecision byDefault(Decision d, ConnectabilityState state) {
        String rule = "default:" + state;
        d.trace.add(rule);
        return switch (state) {
            case CONNECTABLE -> d.target.terminals().isEmpty()
                    ? d.to(CallOutcome.TO_MESSAGING, rule, d.target.callee() + " has no terminal to ring now")
                    : d.ring(rule, d.target.callee() + " is connectable");
            case IN_TRANSFER -> d.target.transferUri() != null
                    ? d.forward(rule, d.target.transferUri(), d.target.callee() + " transfers calls")
                    : d.to(CallOutcome.TO_MESSAGING, rule, d.target.callee() + " does not take calls directly now");
            case SUBJECT_TO_AUTHORISATION -> d.to(CallOutcome.NOTIFY_ONLY, rule,
                    d.target.callee() + " has not authorised you yet and is told of the call");
            default -> d.to(CallOutcome.TO_MESSAGING, rule, d.target.callee() + " cannot take the call now" + d.why(state));
        };
    }

    /** A decision being made: its trace so far and what it knows of the call. */
    private static final class Decision {
        final CallTarget target;
        final String service;
        final boolean urgent;
        final List<String> trace = new ArrayList<>();
        String mailbox;

        Decision(CallTarget target, String service, boolean urgent) {
            this.target = target;
            this.service = service;
            this.urgent = urgent;
        }

        /** The connectability reason, for a trusted caller only. */
        String why(ConnectabilityState state) {
            return target.reason() == null || state != target.state() ? "" : " (" + target.reason() + ")";
        }

        CallDecision ring(String rule, String reason) {
            trace.add("ACCEPT: ring " + target.terminals().size() + " terminal(s)");
            return new CallDecision(target.callee(), target.caller(), service, urgent, CallOutcome.ACCEPT,
                    target.state().name(), target.terminals(), null, null, reason, rule, trace);
        }

        CallDecision forward(String rule, String to, String reason) {
            trace.add("FORWARD to " + to);
            return new CallDecision(target.callee(), target.caller(), service, urgent, CallOutcome.FORWARD,
                    target.state().name(), List.of(), to, null, reason, rule, trace);
        }

        CallDecision to(CallOutcome outcome, String rule, String reason) {
            trace.add(outcome.name());
            return new CallDecision(target.callee(), target.caller(), service, urgent, outcome, target.state().name(),
                    List.of(), null, outcome == CallOutcome.TO_MESSAGING ? mailbox : null, reason, rule, trace);
        }
    }
}

package dev.liaison.routing.boundary;

import java.util.List;

/**
 * A decided call: the outcome, and only what the caller may know with it.
 *
 * @param callee    the callee as asked
 * @param caller    the caller's contact key (username or normalised address)
 * @param service   the service asked for
 * @param urgent    whether the call was marked urgent
 * @param outcome   what to do
 * @param state     the callee's connectability as the caller may see it
 * @param terminals with {@code ACCEPT} only: the addresses of the callee's terminals to ring
 * @param forwardTo with {@code FORWARD} only: where the call goes (a URI)
 * @param mailbox   with {@code TO_MESSAGING}, when the rules name one: the mailbox URI
 * @param reason    why, in words; the connectability reason only for a trusted caller
 * @param rule      the rule that decided: the path of the CPL node, or {@code default} and the state
 * @param trace     each step taken, in order
 */
public record CallDecision(String callee, String caller, String service, boolean urgent, CallOutcome outcome,
                           String state, List<String> terminals, String forwardTo, String mailbox, String reason,
                           String rule, List<String> trace) {

    public CallDecision {
        terminals = List.copyOf(terminals);
        trace = List.copyOf(trace);
        if (!terminals.isEmpty() && outcome != CallOutcome.ACCEPT) {
            throw new IllegalArgumentException("only an accepted call lists terminals");
        }
        if ((forwardTo != null) != (outcome == CallOutcome.FORWARD)) {
            throw new IllegalArgumentException("a forwarded call, and only one, says where to");
        }
    }
}

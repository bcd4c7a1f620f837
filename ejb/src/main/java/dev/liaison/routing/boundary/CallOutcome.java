package dev.liaison.routing.boundary;

/** What happens to a call. */
public enum CallOutcome {
    /** Ring the callee's terminals listed with the decision. */
    ACCEPT,
    /** Refuse the call. */
    REJECT,
    /** Ring nothing; the callee is told that someone called. */
    NOTIFY_ONLY,
    /** Send the call on to the number or URI given with the decision. */
    FORWARD,
    /** Leave the call to messaging (voice or written), at the mailbox given if any. */
    TO_MESSAGING
}

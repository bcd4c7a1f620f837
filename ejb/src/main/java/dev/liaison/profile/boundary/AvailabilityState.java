package dev.liaison.profile.boundary;

/** What an availability mode says about the user to the contacts it applies to. */
public enum AvailabilityState {
    /** Reachable on a connected terminal. */
    AVAILABLE,
    /** Does not want to be disturbed. */
    NOT_AVAILABLE,
    /** Incoming calls go to the mode's transfer target. */
    TRANSFER,
    /** The user does not want the state known: watchers see "unknown". */
    UNKNOWN
}

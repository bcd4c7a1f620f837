package dev.liaison.presence.boundary;

/** What a watcher is told about a user: the five connectability states of the service mediation server. */
public enum ConnectabilityState {
    /** Connected (at least one terminal on the active profile) and available. */
    CONNECTABLE,
    /** Not connected, or not available. */
    NOT_CONNECTABLE,
    /** The user shows the state only to contacts who asked and were granted it; this one has not been yet. */
    SUBJECT_TO_AUTHORISATION,
    /** Incoming calls are transferred to the target of the active mode. */
    IN_TRANSFER,
    /** Not a registered user, or one who does not want the state known by this watcher. */
    UNKNOWN
}

package dev.liaison.profile.entity;

/** How the user wants to hear of events (incoming call, message, a contact's change) while a mode is active. */
public enum NotificationMode {
    /** Pushed at once to the connected terminals of the active profile. */
    TERMINAL,
    /** Left in the user's messaging (voice or written mailbox) to be read later. */
    MESSAGING,
    /** Not notified; the events stay in the event log. */
    NONE
}

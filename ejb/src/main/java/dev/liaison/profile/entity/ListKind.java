package dev.liaison.profile.entity;

/** The contact lists of a profile. */
public enum ListKind {
    /** May see the user's connectability. */
    AUTHORISED,
    /** May never see it: they get "unknown", exactly as for a user who does not exist. */
    DENIED,
    /** Must ask first; until the user answers they see "subject to authorisation". */
    AUTHORISATION_REQUIRED,
    /** Contacts whose connectability the user wants to follow on the terminals of this profile. */
    FOLLOWED
}

package dev.liaison.profile.entity;

/** Who, besides the contacts a profile lists, may see the user's connectability through that profile. */
public enum Visibility {
    /** Anyone not denied sees the state (but not a transfer target, which only authorised contacts see). */
    OPEN,
    /** Only authorised contacts see the state; everyone else sees "unknown" unless awaiting authorisation. */
    ON_AUTHORISATION
}

package dev.liaison.presence.boundary;

/** Asking {@code target} (a username) for the right to see their connectability. */
public record AuthorisationAsk(String target) {
}

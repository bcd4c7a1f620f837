package dev.liaison.presence.boundary;

/** A current registration of a user: the contact URI, the seconds it has left and its access session. */
public record Binding(String uri, long expiresSeconds, String profile, long sessionId) {
}

package dev.liaison.im.boundary;

/**
 * A MESSAGE the {@link PeerOutbox} holds for a peer domain's server, as the SIP edge sends it:
 * Request-URI and To {@code to}, From {@code from} (our sender), the group it comes from (null for
 * none), the body as it came, a Call-ID that is the same on every attempt, and the correlation id
 * both servers log the leg under.
 */
public record PeerHandOffView(long id, String peer, String from, String to, String group, String contentType, byte[] body,
                              String callId, String correlation, int attempts) {
}

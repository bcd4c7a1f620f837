package dev.liaison.im.boundary;

import java.time.Instant;

/**
 * What the sender of a {@link NewMessage} is told once it is committed: to whom it went, as an
 * address, and when it was accepted. It names no kept message: a recipient who is offline, online
 * or not a user at all gets the same answer, so it tells nothing the sender may not know.
 */
public record SentMessage(String to, String contentType, int bytes, Instant acceptedAt) {
}

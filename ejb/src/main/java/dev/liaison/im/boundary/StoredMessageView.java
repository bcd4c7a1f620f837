package dev.liaison.im.boundary;

import java.time.Instant;

/** A kept message as its recipient receives it: the body exactly as it came. */
public record StoredMessageView(long id, String recipient, String sender, String contentType, byte[] body,
                                String origin, Instant receivedAt, Instant expiresAt) {
}

package dev.liaison.im.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;

/**
 * How many messages wait for {@code user} changed (one was kept, delivered or expired): published in
 * the transaction that changed it, so an edge that tells the user (SIP {@code message-summary},
 * RFC 3842) acts on every node once it has committed.
 */
public record MessagesWaiting(String user, long count, long bytes, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return user;
    }
}

package dev.liaison.presence.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;

/**
 * Who watches {@code user}, or how far their authorisation went, may have changed: a request was
 * made or answered, a list edited, a watcher subscribed or left. Published in the transaction that
 * made the change; an edge that tells the user (SIP {@code presence.winfo}) acts once it has
 * committed, on every node.
 */
public record WatchersChanged(String user, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return user;
    }
}

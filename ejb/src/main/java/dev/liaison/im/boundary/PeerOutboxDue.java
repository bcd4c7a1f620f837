package dev.liaison.im.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;
import java.util.List;

/**
 * Hand-offs to these peer domains were committed to the {@link PeerOutbox}: the SIP edge sends
 * what is due at once rather than at its next sweep. The event only wakes the edge; the rows are
 * the record, and a wake-up lost (the events topic is not persistent) delays them by a sweep.
 */
public record PeerOutboxDue(List<String> peers, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        String joined = String.join(",", peers);
        return joined.length() <= 254 ? joined : joined.substring(0, 250) + ",…";
    }
}

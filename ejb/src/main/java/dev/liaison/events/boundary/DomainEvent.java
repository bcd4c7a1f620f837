package dev.liaison.events.boundary;

import java.time.Instant;

/**
 * Something that happened in the domain, published on the domain-events queue in the same
 * transaction as the change itself, so that it is sent if and only if the change commits.
 */
public interface DomainEvent {

    /** The event type, e.g. {@code UserRegistered}: the JMS property and the event log's type. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** What the event is about: a username, a session id, a message id. */
    String subject();

    Instant occurredAt();
}

package dev.liaison.platform;

import java.time.Instant;

/**
 * Something that happened in the domain (a user registered, what a watcher sees of a contact
 * changed, an administrator acted for a user…), handed to {@link DomainEvents}. Events are records
 * of plain values (strings, numbers, enums, instants, nested records): they cross the broker as
 * JSON and are read back on every node.
 */
public interface DomainEvent {

    /** The event type the event log files it under, e.g. {@code UserRegistered}. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** What the event is about: a username, a session id, a message id. */
    String subject();

    Instant occurredAt();

    /** What the event log keeps of it (JSON); null keeps the event as a whole. */
    default String detail() {
        return null;
    }
}

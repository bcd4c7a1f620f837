package dev.liaison.events.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;

/** An event known only by its type, subject and JSON detail, as {@link EventLog#record} takes it. */
public record LoggedEvent(String type, String subject, Instant occurredAt, String detail) implements DomainEvent {
}

package dev.liaison.events.boundary;

import java.time.Instant;

/** An event a service emitted, accepted: committed, with a notification for each service subscribed to its type. */
public record EmittedEvent(String type, String subject, Instant occurredAt) {
}

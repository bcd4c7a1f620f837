package dev.liaison.events.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;

/**
 * An event type lost its last connected emitter ({@value #UNAVAILABLE}) or got one again
 * ({@value #AVAILABLE}); the subscribers of {@code eventType} are told.
 */
public record TypeAvailability(String type, String eventType, Instant occurredAt) implements DomainEvent {

    public static final String AVAILABLE = "liaison.events.available";
    public static final String UNAVAILABLE = "liaison.events.unavailable";

    @Override
    public String subject() {
        return eventType;
    }
}

package dev.liaison.events.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;

/**
 * An event a service emitted over the event bus: its namespaced {@code type}
 * ({@code com.example.weather.alert}), the emitting service, what it is {@code about} (null when
 * the service said nothing), and its data as JSON text. It takes the one path of domain events, so
 * it is logged under its type and reaches every subscriber in the transaction that accepted it.
 */
public record ServiceEvent(String type, String emitter, String about, String data, Instant occurredAt)
        implements DomainEvent {

    /** The event log's subject: what it is about, or else the emitter. */
    @Override
    public String subject() {
        return about == null || about.isBlank() ? emitter : about;
    }
}

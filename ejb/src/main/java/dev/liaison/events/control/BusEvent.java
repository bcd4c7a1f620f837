package dev.liaison.events.control;

import java.time.Instant;

/**
 * A domain event as the services see it: a namespaced {@code type}, the {@code source} it comes
 * from, what it is about, when, and its data as JSON text. It goes to the services subscribed to
 * {@code audience}: the type itself, or for an availability notice the type it is about.
 */
public record BusEvent(String type, String audience, String source, String subject, Instant time, String data) {
}

package dev.liaison.events.boundary;

import java.util.List;

/**
 * How a service connects: where pushes go ({@code webhook}, an absolute http or https URL; none
 * for a service that only pulls), the event types it emits (never in Liaison's own namespace
 * {@code liaison.}) and those it subscribes to.
 */
public record Connection(String webhook, List<String> emits, List<String> subscribes) {
}

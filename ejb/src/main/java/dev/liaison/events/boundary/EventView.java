package dev.liaison.events.boundary;

import dev.liaison.events.entity.EventLogEntry;

import java.time.Instant;

/** One event-log entry as the interfaces show it. */
public record EventView(long id, String type, String subject, Instant occurredAt, Instant recordedAt, String detail) {

    static EventView of(EventLogEntry e) {
        return new EventView(e.getId(), e.getType(), e.getSubject(), e.getOccurredAt(), e.getRecordedAt(), e.getDetail());
    }
}

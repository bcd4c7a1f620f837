package dev.liaison.collab.boundary;

import dev.liaison.collab.entity.SpaceEvent;

import java.time.Instant;
import java.util.Locale;

/** An event of a collaboration space as every participant receives it. */
public record SpaceEventView(long id, String kind, String author, Instant at, String payload) {

    static SpaceEventView of(SpaceEvent event) {
        return new SpaceEventView(event.getId(), event.getKind().name().toLowerCase(Locale.ROOT),
                event.getAuthor().getUser().getDisplayName(), event.getHappenedAt(), event.getPayload());
    }
}

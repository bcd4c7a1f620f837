package dev.liaison.profile.entity;

import java.time.Instant;
import java.util.Objects;

/** One occurrence of a rule: the half-open interval {@code [start, end)}; it never is empty. */
public record Period(Instant start, Instant end) {

    public Period {
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a period starts before it ends: " + start + " / " + end);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}

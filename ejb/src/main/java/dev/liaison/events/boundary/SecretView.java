package dev.liaison.events.boundary;

import java.time.Instant;

/** A new webhook secret; the one it replaced still signs, beside it, until {@code previousValidUntil}. */
public record SecretView(String webhookSecret, Instant previousValidUntil) {
}

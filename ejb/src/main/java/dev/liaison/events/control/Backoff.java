package dev.liaison.events.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to push again after a failure: exponential back-off ({@code first}, times
 * {@code multiplier} for each further failure, never above {@code max}) with "equal jitter" (half
 * the delay, plus a random share of the other half), so that the retries of many subscribers of
 * one event spread out; or, when the service said so in {@code Retry-After}, exactly then.
 */
public record Backoff(Duration first, double multiplier, Duration max) {

    /** The longest wait a {@code Retry-After} may ask for. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    /** The delay after the {@code failures}-th failure in a row (1 for the first); {@code random} gives [0, 1). */
    public Duration delay(int failures, DoubleSupplier random) {
        double millis = first.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        long capped = (long) Math.min(millis, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(capped - half + (long) (random.getAsDouble() * half));
    }

    /** The next attempt: when {@code retryAfter} says (seconds or an HTTP date), else after {@link #delay}. */
    public Instant next(int failures, String retryAfter, Instant now, DoubleSupplier random) {
        return retryAfter(retryAfter, now).map(now::plus).orElseGet(() -> now.plus(delay(failures, random)));
    }

    /** A {@code Retry-After} value as a wait from {@code now}; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        Duration wait;
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                wait = LONGEST_RETRY_AFTER;
            }
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait);
    }
}

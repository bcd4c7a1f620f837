package dev.liaison.im.control;

import dev.liaison.im.boundary.StoreResult;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits of one user's offline store: how many messages, how many bytes in all, how large one
 * message, and how long one is kept. Checked before a message is kept, so a full store refuses
 * (the sender learns it) instead of dropping silently.
 */
public record Quota(long maxMessages, long maxBytes, long maxMessageBytes, Duration keep) {

    public Quota {
        if (maxMessages < 1 || maxBytes < 1 || maxMessageBytes < 1 || keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("quota limits must be positive");
        }
    }

    /** Why a message of {@code size} bytes cannot join a store holding {@code count} messages of {@code bytes}, if it cannot. */
    public Optional<StoreResult.Outcome> refusal(long count, long bytes, long size) {
        if (size > maxMessageBytes) {
            return Optional.of(StoreResult.Outcome.TOO_LARGE);
        }
        if (count + 1 > maxMessages || bytes + size > maxBytes) {
            return Optional.of(StoreResult.Outcome.QUOTA_EXCEEDED);
        }
        return Optional.empty();
    }
}

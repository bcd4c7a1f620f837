package dev.liaison.im.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When the peer outbox tries a hand-off to a peer domain's server again: after {@code first},
 * then twice as long after each further failure, never longer than {@code max} between two
 * attempts, and not at all past the hand-off's give-up time. A peer that refuses for good (a 3xx, a 4xx
 * other than 408 and 480, a 501, 505 or 513, a 6xx) is not asked again: sending the same request again would
 * only bring the same answer.
 */
public record PeerRetry(Duration first, Duration max) {

    /** What becomes of a hand-off after an attempt. */
    public enum Verdict {
        /** the peer took it (2xx): forget it */
        DELIVERED,
        /** try again at the next attempt's time */
        RETRY,
        /** refused for good, or out of time: give it up */
        GIVE_UP
    }

    public PeerRetry {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a retry delay must be positive and at most the longest one");
        }
    }

    /** When the attempt after {@code failures} failed ones (1 or more) is due. */
    public Instant next(int failures, Instant now) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return now.plus(delay.compareTo(max) > 0 ? max : delay);
    }

    /** Whether a peer's answer (or 408 for none, 503 for a request that could not leave) may change if asked again. */
    public static boolean isTransient(int status) {
        return switch (status) {
            // no answer, the recipient's store full for now, the server failing, unreachable, busy or waiting on its own hop
            case 408, 480, 500, 502, 503, 504 -> true;
            // 501, 505, 513 and every other refusal say the same thing again
            default -> false;
        };
    }

    /** What to do after attempt number {@code failures + 1} was answered {@code status} at {@code now}. */
    public Verdict verdict(int status, int failures, Instant now, Instant giveUpAt) {
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (!isTransient(status) || !next(failures + 1, now).isBefore(giveUpAt)) {
            return Verdict.GIVE_UP;
        }
        return Verdict.RETRY;
    }
}

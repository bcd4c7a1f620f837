package dev.liaison.events.control;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;

import java.util.List;

/**
 * The rules of a service's cursor, shared by push and pull: what a pull returns starts after both
 * the cursor it gives and what is already acknowledged (so reading never loses and never repeats
 * an acknowledged notification), and an acknowledgement moves only forward, never past the last
 * notification written.
 */
public final class Cursors {

    public static final int MAX_PAGE = 1000;

    private Cursors() {
    }

    /** The sequence number a pull reads after. */
    public static long readAfter(Long after, long acked) {
        return after == null ? acked : Math.max(after, acked);
    }

    /** How many a pull returns: {@code max} within 1 and {@value #MAX_PAGE}. */
    public static int pageSize(Integer max) {
        return max == null ? 100 : Math.max(1, Math.min(max, MAX_PAGE));
    }

    /**
     * Whether acknowledging up to {@code upTo} moves the cursor.
     *
     * @throws InvalidInputException if {@code upTo} is negative or past the last notification
     */
    public static boolean advances(Long upTo, long acked, long last) {
        if (upTo == null) {
            throw new InvalidInputException("upTo is required: the sequence number acknowledged up to",
                    List.of(new Violation("upTo", "is required")));
        }
        if (upTo < 0) {
            throw new InvalidInputException("upTo must not be negative", List.of(new Violation("upTo", "must not be negative")));
        }
        if (upTo > last) {
            throw new InvalidInputException("upTo " + upTo + " is past the last notification (" + last + ")",
                    List.of(new Violation("upTo", "is past the last notification")));
        }
        return upTo > acked;
    }
}

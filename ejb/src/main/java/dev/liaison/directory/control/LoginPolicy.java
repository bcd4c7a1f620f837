package dev.liaison.directory.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of the login guard: when a count of wrong passwords holds a key off, and until
 * when. The limit-th wrong password in a window holds the key off for the first back-off; each one
 * after it doubles that, up to the longest back-off.
 */
public final class LoginPolicy {

    /** The three keys a wrong password counts against. */
    public enum Kind {
        /** one account from one address */
        PAIR,
        /** one address, any account */
        SOURCE,
        /** one account, any address (held off only from addresses it never logged in from) */
        ACCOUNT,
        /** not counted: the account logged in from this address */
        KNOWN
    }

    /** The limits, as configured. */
    public record Limits(Duration window, int pairFailures, int sourceFailures, int accountFailures, Duration backoff,
                         Duration maxBackoff) {

        public int limitOf(Kind kind) {
            return switch (kind) {
                case PAIR -> pairFailures;
                case SOURCE -> sourceFailures;
                case ACCOUNT -> accountFailures;
                case KNOWN -> Integer.MAX_VALUE;
            };
        }
    }

    private LoginPolicy() {
    }

    /** Until when {@code failures} wrong passwords against a key of this limit hold it off; null when they do not. */
    public static Instant heldOffUntil(int failures, int limit, Instant now, Duration backoff, Duration maxBackoff) {
        if (failures < limit) {
            return null;
        }
        int doublings = Math.min(failures - limit, 30);
        long seconds = Math.min(backoff.getSeconds() << doublings, maxBackoff.getSeconds());
        if (seconds <= 0) {
            seconds = maxBackoff.getSeconds();
        }
        return now.plusSeconds(seconds);
    }

    /** The key of a row: {@code KIND|account|source}, with what a kind does not use left empty. */
    public static String key(Kind kind, String account, String source) {
        return kind + "|" + (kind == Kind.SOURCE ? "" : account) + "|" + (kind == Kind.ACCOUNT ? "" : source);
    }

    /** An account name as the guard counts it: lower case, at most 64 characters (any name may be tried). */
    public static String account(String name) {
        String lower = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.length() > 64 ? lower.substring(0, 64) : lower;
    }
}

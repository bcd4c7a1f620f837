package dev.liaison.presence.boundary;

import java.util.Objects;

/**
 * One watcher of a user as the watcher-information package (RFC 3857) lists them: the watcher's
 * contact key (a username, or an address), where their subscription stands, and the event that
 * brought it there ({@code subscribe}, {@code approved}, {@code rejected}, {@code timeout}).
 */
public record WatcherView(String watcher, Status status, String event) {

    /** Where a watcher's subscription stands (RFC 3857 §3.2.4, without "waiting"). */
    public enum Status {
        PENDING, ACTIVE, TERMINATED
    }

    public static final String SUBSCRIBE = "subscribe";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String TIMEOUT = "timeout";

    public WatcherView {
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(event, "event");
    }
}

package dev.liaison.presence.boundary;

/**
 * Who watches {@code user}, or how far their authorisation went, may have changed: a request was
 * made or answered, a list edited, a watcher subscribed or left. Fired inside the transaction that
 * made the change; an edge that tells the user (SIP {@code presence.winfo}) acts after it commits.
 */
public record WatchersChanged(String user) {
}

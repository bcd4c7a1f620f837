package dev.liaison.im.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How many messages wait for some users changed (messages were kept, delivered or expired): one
 * event for every user one transaction touched, published in that transaction, so an edge that
 * tells the users (SIP {@code message-summary}, RFC 3842) acts on every node once it has
 * committed. One event per transaction, not per user, keeps a batch of a hundred MESSAGEs to one
 * event-log entry.
 */
public record MessagesWaiting(List<Count> counts, Instant occurredAt) implements DomainEvent {

    /** What waits for one user: how many messages and their bytes. */
    public record Count(String user, long count, long bytes) {
    }

    public static MessagesWaiting of(String user, long count, long bytes, Instant occurredAt) {
        return new MessagesWaiting(List.of(new Count(user, count, bytes)), occurredAt);
    }

    /** The users, as far as the event log's subject holds them (254 characters). */
    @Override
    public String subject() {
        String users = counts.stream().map(Count::user).collect(Collectors.joining(","));
        return users.length() <= 254 ? users : users.substring(0, 250) + ",…";
    }
}

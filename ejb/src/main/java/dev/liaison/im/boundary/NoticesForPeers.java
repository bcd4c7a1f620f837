package dev.liaison.im.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;
import java.util.List;

/**
 * Delivery notifications (IMDN, RFC 5438) owed to senders of other domains, for messages their
 * server brought us and our users have now received. Once committed, the SIP edge sends each to the
 * sender's domain, as a MESSAGE from our user signed for our domain: the report goes back along the
 * chain. Nothing keeps them here: a peer that is down then does not get them.
 */
public record NoticesForPeers(List<Notice> notices, Instant occurredAt) implements DomainEvent {

    /**
     * One notice: from {@code from} (our user's SIP URI) to {@code to} (the sender's, in another
     * domain), {@code body} of {@code contentType}, {@code key} the same on every attempt.
     */
    public record Notice(String from, String to, String contentType, String body, String key) {
    }

    @Override
    public String subject() {
        return notices.isEmpty() ? "" : notices.get(0).to();
    }
}

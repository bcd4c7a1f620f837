package dev.liaison.im.boundary;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to keep for {@code recipient} (a username of this domain) until its client takes it.
 *
 * @param sender     the sender's address as the recipient will see it ({@code sip:alice@liaison.test})
 * @param senderUser the local user who sent it (authenticated), or null
 * @param body       the body exactly as it came; it is never changed
 * @param dedupeKey  what makes a request sent again the same message: for a SIP MESSAGE its sender,
 *                   Call-ID and CSeq; for MSRP the Message-ID
 * @param origin     {@code sip}, {@code msrp}, {@code rest} or {@code notice}
 * @param keepUntil  when the sender wants it given up if still undelivered (a MESSAGE's Expires), or null:
 *                   the store keeps it no longer than its own limit either way
 */
public record OfflineMessage(String recipient, String sender, String senderUser, String contentType, byte[] body,
                             String dedupeKey, String origin, Instant receivedAt, Instant keepUntil) {

    public OfflineMessage(String recipient, String sender, String senderUser, String contentType, byte[] body,
                          String dedupeKey, String origin, Instant receivedAt) {
        this(recipient, sender, senderUser, contentType, body, dedupeKey, origin, receivedAt, null);
    }

    public OfflineMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * This message's copy for {@code member} of a group it went to: the member's own, deduplicated
     * per member, marked {@code origin}.
     */
    public OfflineMessage copyFor(String member, String origin) {
        return new OfflineMessage(member, sender, senderUser, contentType, body, dedupeKey + "|" + member, origin, receivedAt,
                keepUntil);
    }
}

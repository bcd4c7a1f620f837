package dev.liaison.im.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A message kept for a user who could not take it when it came: its sender, its content type and
 * body exactly as they arrived, when it came and when it will be given up.
 *
 * <p>Invariants: the body is never changed; a message exists until its recipient's client
 * acknowledged it (then it is deleted) or it expired (then it is deleted and its sender told);
 * the dedupe key is unique, so a request sent again (a retransmission after a lost answer, a
 * resent REST call) is the same message, never a second one. Messages of one recipient are
 * delivered in the order of {@code receivedAt}, then of their id.
 */
@Entity
@Table(name = "liaison_stored_message",
        uniqueConstraints = @UniqueConstraint(name = "uk_stored_message_dedupe", columnNames = "dedupe_key"),
        indexes = {@Index(name = "ix_stored_message_recipient", columnList = "recipient, received_at, id"),
                @Index(name = "ix_stored_message_expires", columnList = "expires_at")})
@NamedQuery(name = StoredMessage.FIND_PENDING,
        query = "SELECT m FROM StoredMessage m WHERE m.recipient = :recipient ORDER BY m.receivedAt, m.id")
@NamedQuery(name = StoredMessage.USAGE,
        query = "SELECT COUNT(m), COALESCE(SUM(m.size), 0) FROM StoredMessage m WHERE m.recipient = :recipient")
@NamedQuery(name = StoredMessage.FIND_BY_DEDUPE_KEYS,
        query = "SELECT m FROM StoredMessage m WHERE m.dedupeKey IN :keys")
@NamedQuery(name = StoredMessage.FIND_EXPIRED,
        query = "SELECT m FROM StoredMessage m WHERE m.expiresAt <= :now ORDER BY m.expiresAt")
@NamedQuery(name = StoredMessage.FIND_OF_RECIPIENT,
        query = "SELECT m FROM StoredMessage m WHERE m.recipient = :recipient AND m.id IN :ids")
public class StoredMessage {

    /** A recipient's messages, oldest first. */
    public static final String FIND_PENDING = "StoredMessage.findPending";
    /** A recipient's count of messages and their bytes. */
    public static final String USAGE = "StoredMessage.usage";
    public static final String FIND_BY_DEDUPE_KEYS = "StoredMessage.findByDedupeKeys";
    /** Messages whose time ran out, the first to expire first. */
    public static final String FIND_EXPIRED = "StoredMessage.findExpired";
    /** Those of {@code ids} that belong to {@code recipient}. */
    public static final String FIND_OF_RECIPIENT = "StoredMessage.findOfRecipient";

    @Id
    @SequenceGenerator(name = "stored_message_seq", sequenceName = "liaison_stored_message_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stored_message_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Size(max = 64)
    @Column(name = "recipient", nullable = false, length = 64)
    private String recipient;

    @NotNull
    @Size(max = 512)
    @Column(name = "sender", nullable = false, length = 512)
    private String sender;

    @Size(max = 64)
    @Column(name = "sender_user", length = 64)
    private String senderUser;

    @NotNull
    @Size(max = 255)
    @Column(name = "content_type", nullable = false, length = 255)
    private String contentType;

    @NotNull
    @Column(name = "body", nullable = false, length = 64 * 1024 * 1024)
    private byte[] body;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @NotNull
    @Size(max = 512)
    @Column(name = "dedupe_key", nullable = false, length = 512)
    private String dedupeKey;

    @NotNull
    @Size(max = 16)
    @Column(name = "origin", nullable = false, length = 16)
    private String origin;

    @NotNull
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @NotNull
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected StoredMessage() {
    }

    public StoredMessage(String recipient, String sender, String senderUser, String contentType, byte[] body,
                         String dedupeKey, String origin, Instant receivedAt, Instant expiresAt) {
        this.recipient = recipient;
        this.sender = sender;
        this.senderUser = senderUser;
        this.contentType = contentType;
        this.body = body.clone();
        this.size = body.length;
        this.dedupeKey = dedupeKey;
        this.origin = origin;
        this.receivedAt = receivedAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSender() {
        return sender;
    }

    /** The local user who sent it, or null for a sender from elsewhere (or the store itself). */
    public String getSenderUser() {
        return senderUser;
    }

    public String getContentType() {
        return contentType;
    }

    public byte[] getBody() {
        return body.clone();
    }

    public long getSize() {
        return size;
    }

    public String getDedupeKey() {
        return dedupeKey;
    }

    /** How it came: {@code sip} (a MESSAGE), {@code msrp} (a session), {@code rest}, {@code notice} (the store's own). */
    public String getOrigin() {
        return origin;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}

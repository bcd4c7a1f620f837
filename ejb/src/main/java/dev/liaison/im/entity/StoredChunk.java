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
 * One chunk of a message arriving over an MSRP session (RFC 4975 §5.1), kept as soon as it came
 * so its {@code 200} is sent only after the commit. When the chunks of a message cover it from
 * its first byte to its last, they become one {@link StoredMessage} and are deleted, in one
 * transaction. A chunk sent again (same message, same first byte) is kept once.
 */
@Entity
@Table(name = "liaison_stored_chunk",
        uniqueConstraints = @UniqueConstraint(name = "uk_stored_chunk", columnNames = {"message_key", "first_byte"}),
        indexes = @Index(name = "ix_stored_chunk_received", columnList = "received_at"))
@NamedQuery(name = StoredChunk.FIND_OF_MESSAGE,
        query = "SELECT c FROM StoredChunk c WHERE c.messageKey = :key ORDER BY c.firstByte")
@NamedQuery(name = StoredChunk.FIND_STALE, query = "SELECT c FROM StoredChunk c WHERE c.receivedAt < :before")
public class StoredChunk {

    public static final String FIND_OF_MESSAGE = "StoredChunk.findOfMessage";
    /** Chunks of messages that never came whole. */
    public static final String FIND_STALE = "StoredChunk.findStale";

    @Id
    @SequenceGenerator(name = "stored_chunk_seq", sequenceName = "liaison_stored_chunk_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stored_chunk_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Size(max = 512)
    @Column(name = "message_key", nullable = false, length = 512)
    private String messageKey;

    @Column(name = "first_byte", nullable = false)
    private long firstByte;

    @Column(name = "last_byte", nullable = false)
    private long lastByte;

    /** The whole message's size, or 0 when this chunk did not say ({@code *}). */
    @Column(name = "total", nullable = false)
    private long total;

    /** Whether this chunk ends the message ({@code $}). */
    @Column(name = "last_chunk", nullable = false)
    private boolean last;

    @NotNull
    @Column(name = "body", nullable = false, length = 64 * 1024 * 1024)
    private byte[] body;

    @NotNull
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** The chunk's Content-Type, or empty when it named none (only one chunk of a message needs to). */
    @NotNull
    @Size(max = 255)
    @Column(name = "content_type", nullable = false, length = 255)
    private String contentType;

    protected StoredChunk() {
    }

    public StoredChunk(String messageKey, long firstByte, long total, boolean last, byte[] body, Instant receivedAt,
                       String contentType) {
        this.contentType = contentType == null ? "" : contentType;
        this.messageKey = messageKey;
        this.firstByte = firstByte;
        this.lastByte = firstByte + body.length - 1;
        this.total = total;
        this.last = last;
        this.body = body.clone();
        this.receivedAt = receivedAt;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public long getFirstByte() {
        return firstByte;
    }

    public long getLastByte() {
        return lastByte;
    }

    public String getContentType() {
        return contentType;
    }

    public byte[] getBody() {
        return body.clone();
    }
}

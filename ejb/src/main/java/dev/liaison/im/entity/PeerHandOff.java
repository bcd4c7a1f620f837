package dev.liaison.im.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
 * A MESSAGE this domain owes a peer domain's server (the peer outbox): a group member's copy for
 * a member of that domain, or a delivery notice for a sender of that domain. It is written in the
 * transaction that kept the local copies (or forgot the delivered message), so what the sender
 * was answered for is never lost, and it exists until the peer's server answered it with a 2xx
 * (then it is deleted) or it was given up ({@code giveUpAt} passed, or the peer refused it for
 * good; then it is deleted and a local sender told).
 *
 * <p>Invariants: the Call-ID is unique and the same on every attempt, so the peer keeps a copy
 * sent twice (an answer lost, a restart between the peer's 2xx and our delete) once; a row is held
 * by one dispatcher at a time ({@code claimedBy} until {@code claimedUntil}).
 */
@Entity
@Table(name = "liaison_peer_outbox",
        uniqueConstraints = @UniqueConstraint(name = "uk_peer_outbox_call_id", columnNames = "call_id"),
        indexes = @Index(name = "ix_peer_outbox_due", columnList = "next_attempt_at"))
@NamedQuery(name = PeerHandOff.FIND_DUE, query = "SELECT h.id FROM PeerHandOff h WHERE h.nextAttemptAt <= :now"
        + " AND (h.claimedUntil IS NULL OR h.claimedUntil < :now) ORDER BY h.nextAttemptAt, h.id")
@NamedQuery(name = PeerHandOff.CLAIM, query = "UPDATE PeerHandOff h SET h.claimedUntil = :until, h.claimedBy = :claim"
        + " WHERE h.id IN :ids AND (h.claimedUntil IS NULL OR h.claimedUntil < :now)")
@NamedQuery(name = PeerHandOff.CLAIMED, query = "SELECT h FROM PeerHandOff h WHERE h.claimedBy = :claim ORDER BY h.id")
@NamedQuery(name = PeerHandOff.FIND_BY_CALL_IDS, query = "SELECT h.callId FROM PeerHandOff h WHERE h.callId IN :callIds")
@NamedQuery(name = PeerHandOff.COUNT_FOR_PEER, query = "SELECT COUNT(h) FROM PeerHandOff h WHERE h.peer = :peer")
public class PeerHandOff {

    public static final String FIND_DUE = "PeerHandOff.findDue";
    public static final String CLAIM = "PeerHandOff.claim";
    public static final String CLAIMED = "PeerHandOff.claimed";
    public static final String FIND_BY_CALL_IDS = "PeerHandOff.findByCallIds";
    public static final String COUNT_FOR_PEER = "PeerHandOff.countForPeer";

    /** What a hand-off is. */
    public enum Kind {
        /** a group member's copy of a message */
        GROUP_COPY,
        /** a notice owed to a sender (an IMDN report) */
        NOTICE
    }

    @Id
    @SequenceGenerator(name = "peer_outbox_seq", sequenceName = "liaison_peer_outbox_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "peer_outbox_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Size(max = 255)
    @Column(name = "peer", nullable = false)
    private String peer;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16, columnDefinition = "varchar(16)")
    private Kind kind;

    /** The SIP From: the original sender's URI, of this domain. */
    @NotNull
    @Size(max = 512)
    @Column(name = "from_uri", nullable = false, length = 512)
    private String fromUri;

    /** The Request-URI and To: the recipient's URI, in the peer's domain. */
    @NotNull
    @Size(max = 512)
    @Column(name = "to_uri", nullable = false, length = 512)
    private String toUri;

    /** The group's address a member's copy comes from, or null. */
    @Size(max = 512)
    @Column(name = "group_uri", length = 512)
    private String groupUri;

    /** The local user who sent it, told if it is given up; null for a notice. */
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

    @NotNull
    @Size(max = 255)
    @Column(name = "call_id", nullable = false)
    private String callId;

    @NotNull
    @Size(max = 255)
    @Column(name = "correlation", nullable = false)
    private String correlation;

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @NotNull
    @Column(name = "give_up_at", nullable = false)
    private Instant giveUpAt;

    @NotNull
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    /** The status of the last attempt (a peer's answer, 408 for none, 503 when it could not leave), 0 before the first. */
    @Column(name = "last_status", nullable = false)
    private int lastStatus;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    protected PeerHandOff() {
    }

    public PeerHandOff(String peer, Kind kind, String fromUri, String toUri, String groupUri, String senderUser,
                       String contentType, byte[] body, String callId, String correlation, Instant createdAt, Instant giveUpAt) {
        this.peer = peer;
        this.kind = kind;
        this.fromUri = fromUri;
        this.toUri = toUri;
        this.groupUri = groupUri;
        this.senderUser = senderUser;
        this.contentType = contentType;
        this.body = body.clone();
        this.callId = callId;
        this.correlation = correlation;
        this.createdAt = createdAt;
        this.giveUpAt = giveUpAt;
        this.nextAttemptAt = createdAt;
    }

    /** An attempt failed with {@code status}: the next one is at {@code next}, and the row is free again. */
    public void failed(int status, Instant next) {
        attempts++;
        lastStatus = status;
        nextAttemptAt = next;
        claimedUntil = null;
        claimedBy = null;
    }

    public Long getId() {
        return id;
    }

    public String getPeer() {
        return peer;
    }

    public Kind getKind() {
        return kind;
    }

    public String getFromUri() {
        return fromUri;
    }

    public String getToUri() {
        return toUri;
    }

    public String getGroupUri() {
        return groupUri;
    }

    public String getSenderUser() {
        return senderUser;
    }

    public String getContentType() {
        return contentType;
    }

    public byte[] getBody() {
        return body.clone();
    }

    public String getCallId() {
        return callId;
    }

    public String getCorrelation() {
        return correlation;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getGiveUpAt() {
        return giveUpAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public int getLastStatus() {
        return lastStatus;
    }
}

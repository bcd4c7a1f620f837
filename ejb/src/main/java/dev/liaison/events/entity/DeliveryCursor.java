package dev.liaison.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Where a service stands with its notifications: the last sequence number given to one
 * ({@code lastSeq}), the one it acknowledged up to ({@code ackedSeq}, by a 2xx to a push or by a
 * pull's ack), the failed attempts at the next one and when to try again, and which node holds the
 * right to push to it until when.
 *
 * <p>Invariants: {@code ackedSeq <= lastSeq}, and both only grow; the notifications of a service
 * are numbered 1, 2, 3… without gaps, in the order their transactions wrote them (the row is
 * locked from the number's increment to the commit). Every change is a bulk statement on the
 * columns it means, never a write of the whole row, so a push and a publish never overwrite each
 * other's counter.
 */
@Entity
@Table(name = "liaison_delivery_cursor")
@NamedQuery(name = DeliveryCursor.NEXT_SEQ,
        query = "UPDATE DeliveryCursor c SET c.lastSeq = c.lastSeq + 1 WHERE c.serviceId = :service")
@NamedQuery(name = DeliveryCursor.LAST_SEQ, query = "SELECT c.lastSeq FROM DeliveryCursor c WHERE c.serviceId = :service")
@NamedQuery(name = DeliveryCursor.ACK,
        query = "UPDATE DeliveryCursor c SET c.ackedSeq = :upTo, c.attempts = 0, c.nextAttemptAt = NULL"
                + " WHERE c.serviceId = :service AND c.ackedSeq < :upTo")
@NamedQuery(name = DeliveryCursor.FAILED,
        query = "UPDATE DeliveryCursor c SET c.attempts = c.attempts + 1, c.nextAttemptAt = :next"
                + " WHERE c.serviceId = :service AND c.ackedSeq = :acked")
@NamedQuery(name = DeliveryCursor.CLAIM,
        query = "UPDATE DeliveryCursor c SET c.claimToken = :token, c.claimedUntil = :until, c.claimNode = :node"
                + " WHERE c.serviceId = :service AND (c.claimedUntil IS NULL OR c.claimedUntil < :now OR c.claimToken = :token)")
@NamedQuery(name = DeliveryCursor.RELEASE,
        query = "UPDATE DeliveryCursor c SET c.claimToken = NULL, c.claimedUntil = NULL, c.claimNode = NULL"
                + " WHERE c.serviceId = :service AND c.claimToken = :token")
@NamedQuery(name = DeliveryCursor.RELEASE_NODE,
        query = "UPDATE DeliveryCursor c SET c.claimToken = NULL, c.claimedUntil = NULL, c.claimNode = NULL"
                + " WHERE c.claimNode = :node")
@NamedQuery(name = DeliveryCursor.RESET_RETRIES,
        query = "UPDATE DeliveryCursor c SET c.attempts = 0, c.nextAttemptAt = NULL WHERE c.serviceId = :service")
public class DeliveryCursor {

    public static final String NEXT_SEQ = "DeliveryCursor.nextSeq";
    public static final String LAST_SEQ = "DeliveryCursor.lastSeq";
    public static final String ACK = "DeliveryCursor.ack";
    public static final String FAILED = "DeliveryCursor.failed";
    public static final String CLAIM = "DeliveryCursor.claim";
    public static final String RELEASE = "DeliveryCursor.release";
    public static final String RELEASE_NODE = "DeliveryCursor.releaseNode";
    public static final String RESET_RETRIES = "DeliveryCursor.resetRetries";

    @Id
    @Column(name = "service_id")
    private Long serviceId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "acked_seq", nullable = false)
    private long ackedSeq;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claim_token", length = 36)
    private String claimToken;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    /** The node that holds the claim, so that it drops its own claims when it starts again after a crash. */
    @Column(name = "claim_node", length = 100)
    private String claimNode;

    protected DeliveryCursor() {
        // for JPA
    }

    public DeliveryCursor(long serviceId) {
        this.serviceId = serviceId;
    }

    public Long getServiceId() {
        return serviceId;
    }

    public long getLastSeq() {
        return lastSeq;
    }

    public long getAckedSeq() {
        return ackedSeq;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }
}

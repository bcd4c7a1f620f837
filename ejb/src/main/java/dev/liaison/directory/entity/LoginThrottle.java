package dev.liaison.directory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What the login guard counts against one key in a window: the wrong passwords of one account from
 * one address ({@code PAIR}), from one address for any account ({@code SOURCE}), for one account
 * from any address ({@code ACCOUNT}); and until when the key is held off. A {@code KNOWN} row says
 * that the account logged in from that address (it goes on when the account alone is held off).
 * In the database, so that every node applies the same limits.
 */
@Entity
@Table(name = "liaison_login_throttle", indexes = @Index(name = "ix_login_throttle_until", columnList = "blocked_until"))
@NamedQuery(name = LoginThrottle.FIND_BLOCKED, query = "SELECT t FROM LoginThrottle t WHERE t.blockedUntil > :now")
@NamedQuery(name = LoginThrottle.FIND_KNOWN, query = "SELECT t.source FROM LoginThrottle t WHERE t.kind = 'KNOWN'"
        + " AND t.account = :account")
@NamedQuery(name = LoginThrottle.DELETE_OLD, query = "DELETE FROM LoginThrottle t WHERE t.kind <> 'KNOWN'"
        + " AND t.lastSeen < :before AND (t.blockedUntil IS NULL OR t.blockedUntil < :before)")
@NamedQuery(name = LoginThrottle.UNBLOCK_ACCOUNT, query = "DELETE FROM LoginThrottle t WHERE t.kind <> 'KNOWN'"
        + " AND t.account = :account")
@NamedQuery(name = LoginThrottle.UNBLOCK_SOURCE, query = "DELETE FROM LoginThrottle t WHERE t.kind <> 'KNOWN'"
        + " AND t.source = :source")
public class LoginThrottle {

    public static final String FIND_BLOCKED = "LoginThrottle.findBlocked";
    public static final String FIND_KNOWN = "LoginThrottle.findKnown";
    public static final String DELETE_OLD = "LoginThrottle.deleteOld";
    public static final String UNBLOCK_ACCOUNT = "LoginThrottle.unblockAccount";
    public static final String UNBLOCK_SOURCE = "LoginThrottle.unblockSource";

    /** {@code KIND|account|source}, with the part a kind does not use empty. */
    @Id
    @Column(name = "throttle_key", length = 200)
    private String key;

    /** {@code PAIR}, {@code SOURCE}, {@code ACCOUNT} or {@code KNOWN}. */
    @Column(name = "kind", nullable = false, length = 16)
    private String kind;

    @Column(name = "account", length = 64)
    private String account;

    @Column(name = "source", length = 64)
    private String source;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    @Column(name = "blocked_until")
    private Instant blockedUntil;

    protected LoginThrottle() {
    }

    public LoginThrottle(String key, String kind, String account, String source, Instant now) {
        this.key = key;
        this.kind = kind;
        this.account = account;
        this.source = source;
        this.windowStart = now;
        this.lastSeen = now;
    }

    public String getKey() {
        return key;
    }

    public String getKind() {
        return kind;
    }

    public String getAccount() {
        return account;
    }

    public String getSource() {
        return source;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getBlockedUntil() {
        return blockedUntil;
    }

    public void restart(Instant now) {
        failures = 0;
        windowStart = now;
    }

    public void failed(Instant now) {
        failures++;
        lastSeen = now;
    }

    public void seen(Instant now) {
        lastSeen = now;
    }

    public void blockUntil(Instant until) {
        blockedUntil = until;
    }
}

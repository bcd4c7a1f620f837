package dev.liaison.presence.entity;

import dev.liaison.presence.boundary.ConnectabilityState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The connectability of one user (the target) as last told to one watcher, so that a change is
 * told, logged and pushed once, and only when the state the watcher sees actually differs.
 *
 * <p>Invariant: one row per (target, watcher); {@code state} is what the watcher may be told
 * ({@code Result.disclosed()}), {@code reason} the server-side reason, kept for the log only;
 * {@code transfer} the transfer target the watcher was told ("MOBILE +33…"), only for a trusted
 * watcher of a transfer, so that a new target is told even when the state stays the same.
 */
@Entity
@Table(name = "liaison_watched_state", uniqueConstraints =
        @UniqueConstraint(name = "uk_watched_state", columnNames = {"target_key", "watcher_key"}))
@NamedQuery(name = WatchedState.FIND, query = "SELECT w FROM WatchedState w WHERE w.target = :target AND w.watcher = :watcher")
@NamedQuery(name = WatchedState.FIND_BY_TARGET, query = "SELECT w FROM WatchedState w WHERE w.target = :target")
public class WatchedState {

    public static final String FIND = "WatchedState.find";
    public static final String FIND_BY_TARGET = "WatchedState.findByTarget";

    @Id
    @SequenceGenerator(name = "watched_state_seq", sequenceName = "liaison_watched_state_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "watched_state_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Size(max = 254)
    @Column(name = "target_key", nullable = false, length = 254)
    private String target;

    @NotNull
    @Size(max = 254)
    @Column(name = "watcher_key", nullable = false, length = 254)
    private String watcher;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 32, columnDefinition = "varchar(32)")
    private ConnectabilityState state;

    @NotNull
    @Size(max = 32)
    @Column(name = "reason", nullable = false, length = 32)
    private String reason;

    @Size(max = 530)
    @Column(name = "transfer", length = 530)
    private String transfer;

    @NotNull
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected WatchedState() {
        // for JPA
    }

    public WatchedState(String target, String watcher, ConnectabilityState state, String reason, String transfer,
                        Instant changedAt) {
        this.target = target;
        this.watcher = watcher;
        this.state = state;
        this.reason = reason;
        this.transfer = transfer;
        this.changedAt = changedAt;
    }

    /** Records a new state, reason and transfer target; the caller has checked that one of them differs. */
    public void change(ConnectabilityState newState, String newReason, String newTransfer, Instant now) {
        state = newState;
        reason = newReason;
        transfer = newTransfer;
        changedAt = now;
    }

    public String getTransfer() {
        return transfer;
    }

    public String getTarget() {
        return target;
    }

    public String getWatcher() {
        return watcher;
    }

    public ConnectabilityState getState() {
        return state;
    }

    public String getReason() {
        return reason;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}

package dev.liaison.collab.entity;

import dev.liaison.directory.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * A registered user taking part in a collaboration session.
 *
 * <p>Invariants: a user takes part at most once per session; the personal credential is stored
 * only as the SHA-256 of a 192-bit random token (the token itself travels only in that user's
 * invitation), and it is worth nothing once the session is over.
 */
@Entity
@Table(name = "liaison_collab_participant", uniqueConstraints = {
        @UniqueConstraint(name = "uk_collab_participant", columnNames = {"session_id", "user_id"}),
        @UniqueConstraint(name = "uk_collab_credential", columnNames = "credential_hash")})
public class Participant {

    /** The initiator sent the mail; participants were addressed in To. */
    public enum Role {
        INITIATOR, PARTICIPANT
    }

    @Id
    @SequenceGenerator(name = "collab_participant_seq", sequenceName = "liaison_collab_participant_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "collab_participant_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id", nullable = false)
    private CollaborationSession session;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private User user;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 20, columnDefinition = "varchar(20)")
    private Role role;

    @NotNull
    @Column(name = "credential_hash", nullable = false, length = 64)
    private String credentialHash;

    @NotNull
    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "joined_at")
    private Instant joinedAt;

    protected Participant() {
        // for JPA
    }

    Participant(CollaborationSession session, User user, Role role, String credentialHash, Instant addedAt) {
        this.session = session;
        this.user = user;
        this.role = role;
        this.credentialHash = credentialHash;
        this.addedAt = addedAt;
    }

    public void joined(Instant now) {
        if (joinedAt == null) {
            joinedAt = now;
        }
    }

    public Long getId() {
        return id;
    }

    public CollaborationSession getSession() {
        return session;
    }

    public User getUser() {
        return user;
    }

    public Role getRole() {
        return role;
    }

    public String getCredentialHash() {
        return credentialHash;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }
}

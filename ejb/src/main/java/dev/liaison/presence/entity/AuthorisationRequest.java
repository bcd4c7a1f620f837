package dev.liaison.presence.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.profile.entity.Profile;
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
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Optional;

/**
 * A watcher asking a user for the right to see their connectability through one profile.
 *
 * <p>Invariants: a request is answered once: it goes from PENDING to GRANTED or REFUSED and then
 * never changes, and {@code answeredAt} is set exactly when it is answered. The watcher is a
 * registered user ({@code watcherUser}) or an address, always named by {@code watcherKey} (see
 * {@code ContactKey}). While PENDING, the watcher is told SUBJECT_TO_AUTHORISATION, unless denied.
 */
@Entity
@Table(name = "liaison_authorisation_request")
@NamedQuery(name = AuthorisationRequest.FIND_BY_TARGET_AND_STATE,
        query = "SELECT r FROM AuthorisationRequest r WHERE r.target.username = :username AND r.state = :state "
                + "ORDER BY r.requestedAt")
@NamedQuery(name = AuthorisationRequest.FIND_BY_PROFILE_AND_STATE,
        query = "SELECT r FROM AuthorisationRequest r WHERE r.profile = :profile AND r.state = :state")
public class AuthorisationRequest {

    /** The requests a user has to answer (state PENDING), oldest first. */
    public static final String FIND_BY_TARGET_AND_STATE = "AuthorisationRequest.findByTargetAndState";
    /** The watchers awaiting an answer on one profile (state PENDING), for connectability. */
    public static final String FIND_BY_PROFILE_AND_STATE = "AuthorisationRequest.findByProfileAndState";

    /** Where the request stands. */
    public enum State {
        PENDING, GRANTED, REFUSED
    }

    @Id
    @SequenceGenerator(name = "authorisation_request_seq", sequenceName = "liaison_authorisation_request_seq",
            allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "authorisation_request_seq")
    @Column(name = "id")
    private Long id;

    @Version
    @Column(name = "version")
    private long version;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "watcher_user_id")
    private User watcherUser;

    @NotNull
    @Size(max = 254)
    @Column(name = "watcher_key", nullable = false, length = 254)
    private String watcherKey;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "target_id", nullable = false)
    private User target;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "profile_id", nullable = false)
    private Profile profile;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 10, columnDefinition = "varchar(10)")
    private State state = State.PENDING;

    @NotNull
    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    protected AuthorisationRequest() {
        // for JPA
    }

    /**
     * @param watcherUser the asking user, or null when the watcher is only an address
     * @param watcherKey  the watcher's contact key
     * @param profile     the target's profile the watcher asks to see
     */
    public AuthorisationRequest(User watcherUser, String watcherKey, Profile profile, Instant requestedAt) {
        if (watcherUser != null && !watcherUser.getUsername().equals(watcherKey)) {
            throw new IllegalArgumentException("a registered watcher is named by username");
        }
        this.watcherUser = watcherUser;
        this.watcherKey = watcherKey;
        this.target = profile.getOwner();
        this.profile = profile;
        this.requestedAt = requestedAt;
    }

    public void grant(Instant now) {
        answer(State.GRANTED, now);
    }

    public void refuse(Instant now) {
        answer(State.REFUSED, now);
    }

    private void answer(State answer, Instant now) {
        if (state != State.PENDING) {
            throw new IllegalStateException("the request was already answered: " + state);
        }
        state = answer;
        answeredAt = now;
    }

    public Long getId() {
        return id;
    }

    public Optional<User> getWatcherUser() {
        return Optional.ofNullable(watcherUser);
    }

    public String getWatcherKey() {
        return watcherKey;
    }

    public User getTarget() {
        return target;
    }

    public Profile getProfile() {
        return profile;
    }

    public State getState() {
        return state;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Optional<Instant> getAnsweredAt() {
        return Optional.ofNullable(answeredAt);
    }
}

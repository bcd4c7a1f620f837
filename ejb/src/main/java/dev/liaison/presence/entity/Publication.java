package dev.liaison.presence.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.profile.boundary.AvailabilityState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Optional;

/**
 * A state a user's SIP client published (RFC 3903 PUBLISH of a PIDF document): while it lives it
 * stands in for the AVAILABLE or NOT_AVAILABLE state of the modes of the profile it applies to.
 *
 * <p>Invariants: the entity-tag is unique and changes with every refresh or modification (so an
 * old tag no longer matches); the state is AVAILABLE or NOT_AVAILABLE; the publication is in force
 * from {@code publishedAt} until {@code expiresAt} (exclusive), after which it is only waiting for
 * the sweep that deletes it. A null profile means the publication follows whichever profile is
 * active, as a terminal that activated none does. The profile is kept by name, so deleting the
 * profile simply leaves the publication nothing to apply to.
 */
@Entity
@Table(name = "liaison_publication",
        uniqueConstraints = @UniqueConstraint(name = "uk_publication_etag", columnNames = "etag"),
        indexes = @Index(name = "ix_publication_expires", columnList = "expires_at"))
@NamedQuery(name = Publication.FIND_BY_USER_AND_ETAG,
        query = "SELECT p FROM Publication p WHERE p.user.username = :username AND p.etag = :etag")
@NamedQuery(name = Publication.FIND_LIVE_BY_USER,
        query = "SELECT p FROM Publication p WHERE p.user.username = :username AND p.expiresAt > :now ORDER BY p.publishedAt, p.id")
@NamedQuery(name = Publication.FIND_EXPIRED,
        query = "SELECT p FROM Publication p JOIN FETCH p.user WHERE p.expiresAt <= :now")
public class Publication {

    public static final String FIND_BY_USER_AND_ETAG = "Publication.findByUserAndEtag";
    /** The publications of a user in force at {@code now}, the oldest state first. */
    public static final String FIND_LIVE_BY_USER = "Publication.findLiveByUser";
    /** Publications that ran out without a refresh; the sweep deletes them. */
    public static final String FIND_EXPIRED = "Publication.findExpired";

    @Id
    @SequenceGenerator(name = "publication_seq", sequenceName = "liaison_publication_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "publication_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private User user;

    @NotNull
    @Size(min = 8, max = 64)
    @Column(name = "etag", nullable = false, length = 64)
    private String etag;

    @Size(max = 32)
    @Column(name = "profile_name", length = 32)
    private String profile;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16, columnDefinition = "varchar(16)")
    private AvailabilityState state;

    @Size(max = 64)
    @Column(name = "activity", length = 64)
    private String activity;

    @Size(max = 512)
    @Column(name = "contact_uri", length = 512)
    private String contactUri;

    @NotNull
    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @NotNull
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected Publication() {
        // for JPA
    }

    /**
     * @param profile  the profile it applies to, or null to follow the active one
     * @param activity the RPID activity that decided the state, if any (for the log)
     */
    public Publication(User user, String etag, String profile, AvailabilityState state, String activity, String contactUri,
                       Instant now, Instant expiresAt) {
        this.user = user;
        this.etag = etag;
        this.profile = profile;
        this.contactUri = contactUri;
        modify(etag, state, activity, now, expiresAt);
    }

    /** A new document: a new state, a new entity-tag and a new expiry. */
    public void modify(String newEtag, AvailabilityState newState, String newActivity, Instant now, Instant newExpiry) {
        if (newState != AvailabilityState.AVAILABLE && newState != AvailabilityState.NOT_AVAILABLE) {
            throw new IllegalArgumentException("a publication says AVAILABLE or NOT_AVAILABLE, not " + newState);
        }
        this.state = newState;
        this.activity = newActivity;
        this.publishedAt = now;
        refresh(newEtag, now, newExpiry);
    }

    /** The same state for longer, under a new entity-tag. */
    public void refresh(String newEtag, Instant now, Instant newExpiry) {
        if (newEtag == null || newEtag.isBlank()) {
            throw new IllegalArgumentException("a publication has an entity-tag");
        }
        if (!now.isBefore(newExpiry)) {
            throw new IllegalArgumentException("a publication expires after now");
        }
        this.etag = newEtag;
        this.expiresAt = newExpiry;
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public String getEtag() {
        return etag;
    }

    /** The profile it applies to; empty when it follows the active profile. */
    public Optional<String> getProfile() {
        return Optional.ofNullable(profile);
    }

    public AvailabilityState getState() {
        return state;
    }

    public Optional<String> getActivity() {
        return Optional.ofNullable(activity);
    }

    public Optional<String> getContactUri() {
        return Optional.ofNullable(contactUri);
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}

package dev.liaison.presence.entity;

import dev.liaison.directory.entity.Terminal;
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
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Optional;

/**
 * A terminal connected with a profile activated on it: what makes a user connectable.
 *
 * <p>Invariants: the session names exactly one of a known terminal or a contact URI (a SIP contact
 * not registered as a terminal); it is live from {@code startedAt} until {@code endedAt} (a
 * disconnection) or {@code expiresAt} (a registration or login not refreshed in time), whichever
 * comes first, and once ended it stays ended. A null profile means the terminal activated none and
 * follows whichever profile of the user is active; a terminal that chose a profile counts for
 * that profile only. A session opened or refreshed by a SIP REGISTER remembers that request's
 * Call-ID and CSeq number, and only a REGISTER with another Call-ID or a higher CSeq changes it
 * (RFC 3261 §10.3 step 7), so a delayed or replayed REGISTER cannot undo a newer one.
 */
@Entity
@Table(name = "liaison_access_session",
        indexes = {@Index(name = "ix_access_session_user_open", columnList = "user_id, ended_at"),
                // the expiry sweep (every 5 s) reads the open sessions that ran out, not the whole history
                @Index(name = "ix_access_session_expiry", columnList = "ended_at, expires_at")})
@NamedQuery(name = AccessSession.FIND_OPEN_BY_USER,
        query = "SELECT s FROM AccessSession s WHERE s.user.username = :username AND s.endedAt IS NULL ORDER BY s.id")
@NamedQuery(name = AccessSession.FIND_OPEN_WITH_TERMINALS,
        query = "SELECT s FROM AccessSession s LEFT JOIN FETCH s.terminal LEFT JOIN FETCH s.profile"
                + " WHERE s.user.username = :username AND s.endedAt IS NULL ORDER BY s.id")
@NamedQuery(name = AccessSession.FIND_OPEN_OF_USER_ID,
        query = "SELECT s FROM AccessSession s LEFT JOIN FETCH s.terminal LEFT JOIN FETCH s.profile"
                + " WHERE s.user.id = :userId AND s.endedAt IS NULL AND s.origin = :origin ORDER BY s.id")
@NamedQuery(name = AccessSession.FIND_EXPIRED,
        query = "SELECT s FROM AccessSession s WHERE s.endedAt IS NULL AND s.expiresAt <= :now")
public class AccessSession {

    public static final String FIND_OPEN_BY_USER = "AccessSession.findOpenByUser";
    /** The open sessions of a user with their terminal and profile, in one query (the registrar's hot path). */
    public static final String FIND_OPEN_WITH_TERMINALS = "AccessSession.findOpenWithTerminals";
    /**
     * The open sessions of one origin of a user known by id, with their terminal and profile: the
     * registrar's hot path, which reads them through the index on the user, not by a join on the
     * username that a database may plan as a scan of every session.
     */
    public static final String FIND_OPEN_OF_USER_ID = "AccessSession.findOpenOfUserId";
    /** Sessions whose registration ran out without a disconnection; the expiry sweep ends them. */
    public static final String FIND_EXPIRED = "AccessSession.findExpired";

    /** How the terminal connected. */
    public enum Origin {
        /** A SIP REGISTER. */
        SIP,
        /** A login to the web access monitor. */
        WEB
    }

    @Id
    @SequenceGenerator(name = "access_session_seq", sequenceName = "liaison_access_session_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "access_session_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "terminal_id")
    private Terminal terminal;

    @Size(max = 512)
    @Column(name = "contact_uri", length = 512)
    private String contactUri;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "profile_id")
    private Profile profile;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "origin", nullable = false, length = 8, columnDefinition = "varchar(8)")
    private Origin origin;

    @NotNull
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Size(max = 512)
    @Column(name = "register_call_id", length = 512)
    private String registerCallId;

    @Column(name = "register_cseq")
    private Long registerCseq;

    protected AccessSession() {
        // for JPA
    }

    private AccessSession(User user, Terminal terminal, String contactUri, Profile profile, Origin origin,
                          Instant startedAt, Instant expiresAt) {
        if (profile != null && !sameUser(profile.getOwner(), user)) {
            throw new IllegalArgumentException("a terminal activates a profile of its own user");
        }
        if (expiresAt != null && !startedAt.isBefore(expiresAt)) {
            throw new IllegalArgumentException("an access session expires after it starts");
        }
        this.user = user;
        this.terminal = terminal;
        this.contactUri = contactUri;
        this.profile = profile;
        this.origin = origin;
        this.startedAt = startedAt;
        this.expiresAt = expiresAt;
    }

    private static boolean sameUser(User a, User b) {
        return a == b || (a.getId() != null && a.getId().equals(b.getId()));
    }

    /** @param profile the activated profile, or null to follow the active one */
    public static AccessSession onTerminal(Terminal terminal, Profile profile, Origin origin, Instant now, Instant expiresAt) {
        return new AccessSession(terminal.getOwner(), terminal, null, profile, origin, now, expiresAt);
    }

    /** @param profile the activated profile, or null to follow the active one */
    public static AccessSession onContact(User user, String contactUri, Profile profile, Origin origin, Instant now,
                                          Instant expiresAt) {
        if (contactUri == null || contactUri.isBlank()) {
            throw new IllegalArgumentException("an access session names its terminal or contact URI");
        }
        return new AccessSession(user, null, contactUri.strip(), profile, origin, now, expiresAt);
    }

    public boolean isLiveAt(Instant now) {
        return !now.isBefore(startedAt) && (expiresAt == null || now.isBefore(expiresAt))
                && (endedAt == null || now.isBefore(endedAt));
    }

    /** A refreshed registration or login: the session lives on until {@code newExpiry}. */
    public void refresh(Instant now, Instant newExpiry) {
        if (!isLiveAt(now)) {
            throw new IllegalStateException("an access session that has ended or expired is not refreshed; open another");
        }
        if (newExpiry != null && !now.isBefore(newExpiry)) {
            throw new IllegalArgumentException("a refreshed session expires after now");
        }
        this.expiresAt = newExpiry;
    }

    /**
     * Whether a REGISTER with this Call-ID and CSeq number comes before the one that last wrote
     * this session (same Call-ID, CSeq not higher), so it must not change it. A session no
     * REGISTER wrote is never ahead.
     */
    public boolean isWrittenAfter(String callId, long cseq) {
        return registerCallId != null && registerCseq != null && registerCallId.equals(callId) && cseq <= registerCseq;
    }

    /** The REGISTER that opened or refreshed this session (a longer Call-ID than the column is not kept). */
    public void writtenBy(String callId, long cseq) {
        boolean fits = callId != null && callId.length() <= 512;
        this.registerCallId = fits ? callId : null;
        this.registerCseq = fits ? cseq : null;
    }

    /** Disconnection or expiry; ending twice keeps the first end. */
    public void end(Instant now) {
        if (endedAt == null) {
            endedAt = expiresAt != null && expiresAt.isBefore(now) ? expiresAt : now;
        }
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public Optional<Terminal> getTerminal() {
        return Optional.ofNullable(terminal);
    }

    public Optional<String> getContactUri() {
        return Optional.ofNullable(contactUri);
    }

    /** The activated profile; empty when the session follows the user's active profile. */
    public Optional<Profile> getProfile() {
        return Optional.ofNullable(profile);
    }

    public Origin getOrigin() {
        return origin;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Optional<Instant> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> getEndedAt() {
        return Optional.ofNullable(endedAt);
    }
}

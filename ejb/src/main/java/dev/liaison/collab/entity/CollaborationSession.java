package dev.liaison.collab.entity;

import dev.liaison.directory.entity.User;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A collaboration session (a meeting): its type, its time window, who started it and who takes part.
 *
 * <p>Invariants: {@code publicId} is unguessable and is the only identifier that leaves the
 * server (join links, REST); {@code startsAt} is before {@code endsAt}; a mail creates at most
 * one session ({@code sourceMessageId} is unique); every participant is a registered user,
 * while {@code informed} holds the Cc addresses that receive a notice but no credential.
 *
 * <p>{@code calendarUid} and {@code calendarSequence} identify the session in the calendars of
 * its participants (our iMIP mails). When the session was made from the organiser's own calendar
 * invitation, {@code sourceCalendarUid} and {@code sourceCalendarSequence} remember that event,
 * so that a later iMIP CANCEL or update from the organiser's calendar client finds the session,
 * and the same UID and SEQUENCE seen again changes nothing; an organiser has at most one session
 * per event of their calendar.
 */
@Entity
@Table(name = "liaison_collab_session", uniqueConstraints = {
        @UniqueConstraint(name = "uk_collab_session_public_id", columnNames = "public_id"),
        @UniqueConstraint(name = "uk_collab_session_message_id", columnNames = "source_message_id"),
        // the same invitation arriving twice at once under two Message-IDs: the second commit fails and is retried
        @UniqueConstraint(name = "uk_collab_session_source_calendar", columnNames = {"initiator_id", "source_calendar_uid"})},
        indexes = {
                @Index(name = "ix_collab_session_calendar_uid", columnList = "calendar_uid"),
                @Index(name = "ix_collab_session_source_calendar_uid", columnList = "source_calendar_uid")})
@NamedQuery(name = CollaborationSession.FIND_BY_PUBLIC_ID,
        query = "SELECT s FROM CollaborationSession s WHERE s.publicId = :publicId")
@NamedQuery(name = CollaborationSession.FIND_BY_MESSAGE_ID,
        query = "SELECT s FROM CollaborationSession s WHERE s.sourceMessageId = :messageId")
@NamedQuery(name = CollaborationSession.FIND_BY_CALENDAR_UID,
        query = "SELECT s FROM CollaborationSession s WHERE s.sourceCalendarUid = :uid OR s.calendarUid = :uid "
                + "ORDER BY s.createdAt DESC")
@NamedQuery(name = CollaborationSession.FIND_BY_PARTICIPANT,
        query = "SELECT DISTINCT s FROM CollaborationSession s JOIN s.participants p WHERE p.user.username = :username "
                + "ORDER BY s.startsAt DESC")
public class CollaborationSession {

    public static final String FIND_BY_PARTICIPANT = "CollaborationSession.findByParticipant";

    public static final String FIND_BY_PUBLIC_ID = "CollaborationSession.findByPublicId";
    public static final String FIND_BY_MESSAGE_ID = "CollaborationSession.findByMessageId";
    /** Sessions made from the organiser's calendar event of that UID, or whose own UID it is. */
    public static final String FIND_BY_CALENDAR_UID = "CollaborationSession.findByCalendarUid";

    /** The longest calendar UID a session remembers. */
    public static final int MAX_UID_LENGTH = 500;

    @Id
    @SequenceGenerator(name = "collab_session_seq", sequenceName = "liaison_collab_session_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "collab_session_seq")
    @Column(name = "id")
    private Long id;

    @Version
    @Column(name = "version")
    private long version;

    @NotNull
    @Column(name = "public_id", nullable = false, length = 43)
    private String publicId;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "session_type", nullable = false, length = 20, columnDefinition = "varchar(20)")
    private SessionType type;

    @Size(max = 300)
    @Column(name = "title", length = 300)
    private String title;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "initiator_id", nullable = false)
    private User initiator;

    @NotNull
    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @NotNull
    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @NotNull
    @Enumerated(EnumType.STRING)
    // varchar, as every enum column here: an H2 ENUM column read back "1" for a row an in-doubt
    // transaction updated before a kill -9 (seen in MeetingCrashIT)
    @Column(name = "state", nullable = false, length = 20, columnDefinition = "varchar(20)")
    private SessionState state = SessionState.SCHEDULED;

    @Size(max = 998)
    @Column(name = "source_message_id", length = 998)
    private String sourceMessageId;

    @NotNull
    @Column(name = "calendar_uid", nullable = false, length = 255)
    private String calendarUid;

    @Column(name = "calendar_sequence", nullable = false)
    private int calendarSequence;

    @Size(max = MAX_UID_LENGTH)
    @Column(name = "source_calendar_uid", length = MAX_UID_LENGTH)
    private String sourceCalendarUid;

    // nullable so that the column can be added to a table that already holds sessions
    @Column(name = "source_calendar_sequence")
    private Integer sourceCalendarSequence;

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<Participant> participants = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "liaison_collab_informed", joinColumns = @JoinColumn(name = "session_id"))
    @Column(name = "email", nullable = false, length = 254)
    private Set<String> informed = new LinkedHashSet<>();

    protected CollaborationSession() {
        // for JPA
    }

    public CollaborationSession(String publicId, SessionType type, String title, User initiator,
                                Instant startsAt, Instant endsAt, String sourceMessageId, String calendarUid, Instant createdAt) {
        if (!startsAt.isBefore(endsAt)) {
            throw new IllegalArgumentException("a session must start before it ends");
        }
        this.publicId = publicId;
        this.type = type;
        this.title = title;
        this.initiator = initiator;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.sourceMessageId = sourceMessageId;
        this.calendarUid = calendarUid;
        this.createdAt = createdAt;
    }

    public Participant addParticipant(User user, Participant.Role role, String credentialHash, Instant now) {
        Participant participant = new Participant(this, user, role, credentialHash, now);
        participants.add(participant);
        return participant;
    }

    public Optional<Participant> participantWithCredential(String credentialHash) {
        return participants.stream().filter(p -> p.getCredentialHash().equals(credentialHash)).findFirst();
    }

    public boolean isOpenAt(Instant now) {
        return state == SessionState.ACTIVE && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public void activate() {
        if (state == SessionState.SCHEDULED) {
            state = SessionState.ACTIVE;
        }
    }

    public void close(SessionState finalState) {
        if (!finalState.isOver()) {
            throw new IllegalArgumentException(finalState + " does not end a session");
        }
        if (!state.isOver()) {
            state = finalState;
        }
    }

    /** Remembers the organiser's calendar event this session was made from, or was last moved by. */
    public void followSourceCalendar(String uid, int sequence) {
        this.sourceCalendarUid = uid;
        this.sourceCalendarSequence = sequence;
    }

    /** Moves the session to another time window; every calendar client must see it, so the SEQUENCE grows. */
    public void reschedule(Instant newStart, Instant newEnd) {
        if (!newStart.isBefore(newEnd)) {
            throw new IllegalArgumentException("a session must start before it ends");
        }
        this.startsAt = newStart;
        this.endsAt = newEnd;
        revise();
    }

    /** A change every calendar client must see: the iCalendar SEQUENCE grows by one. */
    public void revise() {
        calendarSequence++;
    }

    public Optional<Participant> participant(User user) {
        return participants.stream().filter(p -> p.getUser().getId().equals(user.getId())).findFirst();
    }

    public Long getId() {
        return id;
    }

    public String getPublicId() {
        return publicId;
    }

    public SessionType getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public User getInitiator() {
        return initiator;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public SessionState getState() {
        return state;
    }

    public String getSourceMessageId() {
        return sourceMessageId;
    }

    public String getCalendarUid() {
        return calendarUid;
    }

    public int getCalendarSequence() {
        return calendarSequence;
    }

    public String getSourceCalendarUid() {
        return sourceCalendarUid;
    }

    public Integer getSourceCalendarSequence() {
        return sourceCalendarSequence;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<Participant> getParticipants() {
        return participants;
    }

    public Set<String> getInformed() {
        return informed;
    }
}

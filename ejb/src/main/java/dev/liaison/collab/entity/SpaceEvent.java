package dev.liaison.collab.entity;

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

/**
 * One thing that happened in a session's collaboration space: a stroke drawn on the whiteboard,
 * the board wiped, a line said in the room. The space of a session is the ordered list of its
 * events, so a participant who joins late replays them and sees what the others see.
 *
 * <p>Invariants: events are only added while the session is open, by one of its participants;
 * the payload is the canonical JSON the space wrote after checking it, never the client's text.
 */
@Entity
@Table(name = "liaison_collab_space_event", indexes = @Index(name = "ix_space_event_session", columnList = "session_id, id"))
@NamedQuery(name = SpaceEvent.FIND_SINCE,
        query = "SELECT e FROM SpaceEvent e WHERE e.session = :session AND e.id >= :since ORDER BY e.id")
@NamedQuery(name = SpaceEvent.LAST_CLEAR,
        query = "SELECT MAX(e.id) FROM SpaceEvent e WHERE e.session = :session AND e.kind = dev.liaison.collab.entity.SpaceEvent.Kind.CLEAR")
public class SpaceEvent {

    public static final String FIND_SINCE = "SpaceEvent.findSince";
    public static final String LAST_CLEAR = "SpaceEvent.lastClear";

    /** What happened; a CLEAR hides every earlier stroke from later joiners. */
    public enum Kind {
        STROKE, CLEAR, MESSAGE
    }

    @Id
    @SequenceGenerator(name = "collab_space_event_seq", sequenceName = "liaison_collab_space_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "collab_space_event_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id", nullable = false)
    private CollaborationSession session;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false)
    private Participant author;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 20, columnDefinition = "varchar(20)")
    private Kind kind;

    @NotNull
    @Size(max = PAYLOAD_LIMIT)
    @Column(name = "payload", nullable = false, length = PAYLOAD_LIMIT)
    private String payload;

    @NotNull
    @Column(name = "happened_at", nullable = false)
    private Instant happenedAt;

    /** The largest canonical payload a space accepts (a long stroke with a thousand points fits). */
    public static final int PAYLOAD_LIMIT = 32_000;

    protected SpaceEvent() {
        // for JPA
    }

    public SpaceEvent(CollaborationSession session, Participant author, Kind kind, String payload, Instant happenedAt) {
        this.session = session;
        this.author = author;
        this.kind = kind;
        this.payload = payload;
        this.happenedAt = happenedAt;
    }

    public Long getId() {
        return id;
    }

    public CollaborationSession getSession() {
        return session;
    }

    public Participant getAuthor() {
        return author;
    }

    public Kind getKind() {
        return kind;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getHappenedAt() {
        return happenedAt;
    }
}

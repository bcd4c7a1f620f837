package dev.liaison.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * One line of the event log: something that happened to a subject (a user, a session, a
 * message), when, and its details as JSON.
 *
 * <p>Invariant: entries are only ever appended; the log is the audit trail of every state
 * change that Liaison makes, so nothing updates or deletes them except retention.
 */
@Entity
@Table(name = "liaison_event_log", indexes = {
        @Index(name = "ix_event_log_subject", columnList = "subject, occurred_at"),
        @Index(name = "ix_event_log_type", columnList = "event_type, occurred_at")})
@NamedQuery(name = EventLogEntry.FIND_BY_SUBJECT,
        query = "SELECT e FROM EventLogEntry e WHERE e.subject = :subject ORDER BY e.occurredAt DESC, e.id DESC")
@NamedQuery(name = EventLogEntry.FIND_BY_SUBJECT_AND_TYPE,
        query = "SELECT e FROM EventLogEntry e WHERE e.subject = :subject AND e.type = :type ORDER BY e.occurredAt DESC, e.id DESC")
@NamedQuery(name = EventLogEntry.FIND_BY_TYPE,
        query = "SELECT e FROM EventLogEntry e WHERE e.type = :type ORDER BY e.occurredAt DESC, e.id DESC")
@NamedQuery(name = EventLogEntry.FIND_RECENT,
        query = "SELECT e FROM EventLogEntry e ORDER BY e.occurredAt DESC, e.id DESC")
public class EventLogEntry {

    public static final String FIND_BY_SUBJECT = "EventLogEntry.findBySubject";
    public static final String FIND_BY_SUBJECT_AND_TYPE = "EventLogEntry.findBySubjectAndType";
    public static final String FIND_BY_TYPE = "EventLogEntry.findByType";
    public static final String FIND_RECENT = "EventLogEntry.findRecent";

    @Id
    @SequenceGenerator(name = "event_log_seq", sequenceName = "liaison_event_log_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_log_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @NotNull
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @NotBlank
    @Size(max = 64)
    @Column(name = "event_type", nullable = false, length = 64)
    private String type;

    @NotBlank
    @Size(max = 254)
    @Column(name = "subject", nullable = false, length = 254)
    private String subject;

    @Size(max = 32000)
    @Column(name = "detail", length = 32000)
    private String detail;

    protected EventLogEntry() {
        // for JPA
    }

    public EventLogEntry(String type, String subject, Instant occurredAt, Instant recordedAt, String detail) {
        this.type = type;
        this.subject = subject;
        this.occurredAt = occurredAt;
        this.recordedAt = recordedAt;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getType() {
        return type;
    }

    public String getSubject() {
        return subject;
    }

    public String getDetail() {
        return detail;
    }
}

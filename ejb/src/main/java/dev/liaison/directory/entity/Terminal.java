package dev.liaison.directory.entity;

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
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A device through which a user can be reached: a SIP user agent, a web session, a phone.
 *
 * <p>Invariant: a terminal belongs to exactly one user and its address (a SIP contact URI, a
 * telephone number, a web client identifier) is unique for that user. Whether the terminal is
 * connected right now is not stored here: connections are access sessions of the presence feature.
 */
@Entity
@Table(name = "liaison_terminal", uniqueConstraints =
        @UniqueConstraint(name = "uk_terminal_owner_address", columnNames = {"owner_id", "address"}))
@NamedQuery(name = Terminal.FIND_BY_OWNER,
        query = "SELECT t FROM Terminal t WHERE t.owner.username = :username ORDER BY t.id")
public class Terminal {

    public static final String FIND_BY_OWNER = "Terminal.findByOwner";

    /** How the terminal reaches the user. */
    public enum Kind {
        SIP, WEB, PHONE
    }

    @Id
    @SequenceGenerator(name = "terminal_seq", sequenceName = "liaison_terminal_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "terminal_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false)
    private User owner;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16, columnDefinition = "varchar(16)")
    private Kind kind;

    @NotBlank
    @Size(max = 512)
    @Column(name = "address", nullable = false, length = 512)
    private String address;

    @Size(max = 200)
    @Column(name = "label", length = 200)
    private String label;

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Terminal() {
        // for JPA
    }

    public Terminal(User owner, Kind kind, String address, String label, Instant createdAt) {
        this.owner = owner;
        this.kind = kind;
        this.address = address;
        this.label = label;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public User getOwner() {
        return owner;
    }

    public Kind getKind() {
        return kind;
    }

    public String getAddress() {
        return address;
    }

    public String getLabel() {
        return label;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

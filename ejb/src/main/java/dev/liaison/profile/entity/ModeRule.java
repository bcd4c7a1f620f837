package dev.liaison.profile.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * When an availability mode is active: one iCalendar recurrence (see {@link Recurrence} for the
 * syntax and its meaning), stored as its parts so that they can be queried and shown.
 *
 * <p>Invariant: the parts always form a valid {@link Recurrence}; a rule can only be made from one,
 * so an invalid RRULE, zone or end never reaches the database. Local date-times are wall-clock
 * times in {@code timeZone}.
 */
@Entity
@Table(name = "liaison_mode_rule")
public class ModeRule {

    @Id
    @SequenceGenerator(name = "mode_rule_seq", sequenceName = "liaison_mode_rule_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mode_rule_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "mode_id", nullable = false)
    private AvailabilityMode mode;

    @NotNull
    @Size(max = 64)
    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @NotNull
    @Column(name = "starts_local", nullable = false)
    private LocalDateTime startsLocal;

    @Column(name = "ends_local")
    private LocalDateTime endsLocal;

    @Size(max = 40)
    @Column(name = "duration", length = 40)
    private String duration;

    @Size(max = 500)
    @Column(name = "rrule", length = 500)
    private String rrule;

    @ElementCollection
    @CollectionTable(name = "liaison_mode_rule_exdate", joinColumns = @JoinColumn(name = "rule_id"))
    @Column(name = "excluded_local", nullable = false)
    private Set<LocalDateTime> exceptions = new LinkedHashSet<>();

    protected ModeRule() {
        // for JPA
    }

    ModeRule(AvailabilityMode mode, Recurrence recurrence) {
        this.mode = mode;
        this.timeZone = recurrence.zone().getId();
        this.startsLocal = recurrence.start();
        this.endsLocal = recurrence.end().orElse(null);
        this.duration = recurrence.duration().orElse(null);
        this.rrule = recurrence.rrule().orElse(null);
        this.exceptions.addAll(recurrence.exceptions());
    }

    /** The rule as a value to compute with. */
    public Recurrence recurrence() {
        return Recurrence.of(timeZone, startsLocal, endsLocal, duration, rrule, exceptions);
    }

    /** The rule in the syntax users write. */
    public String text() {
        return recurrence().toText();
    }

    public Long getId() {
        return id;
    }

    public AvailabilityMode getMode() {
        return mode;
    }
}

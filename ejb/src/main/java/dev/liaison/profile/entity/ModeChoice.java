package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The profile and mode a user chose explicitly, overriding the rules.
 *
 * <p>Semantics: the choice is in force from {@code chosenAt} until {@code until} (exclusive). When
 * it is made, {@code until} is set to the next rule boundary, the first instant after the choice
 * at which the rules alone would change the user's active profile or modes
 * ({@code ModeSchedule.choiceEnds}); when the rules will never change them, {@code until} is null
 * and the choice holds until the user clears it (deleting this row). After {@code until} the rules
 * apply again, and the expired row is only history.
 *
 * <p>Invariants: a user has at most one choice; the mode belongs to one of the user's profiles;
 * {@code until}, when present, is after {@code chosenAt}.
 */
@Entity
@Table(name = "liaison_mode_choice", uniqueConstraints =
        @UniqueConstraint(name = "uk_mode_choice_user", columnNames = "user_id"))
@NamedQuery(name = ModeChoice.FIND_BY_USER, query = "SELECT c FROM ModeChoice c WHERE c.user.username = :username")
public class ModeChoice {

    public static final String FIND_BY_USER = "ModeChoice.findByUser";

    @Id
    @SequenceGenerator(name = "mode_choice_seq", sequenceName = "liaison_mode_choice_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mode_choice_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private User user;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "mode_id", nullable = false)
    private AvailabilityMode mode;

    @NotNull
    @Column(name = "chosen_at", nullable = false)
    private Instant chosenAt;

    @Column(name = "holds_until")
    private Instant until;

    protected ModeChoice() {
        // for JPA
    }

    /** @param until the next rule boundary after {@code chosenAt}, or null for "until cleared" */
    public ModeChoice(User user, AvailabilityMode mode, Instant chosenAt, Instant until) {
        User owner = mode.getProfile().getOwner();
        if (owner != user && (owner.getId() == null || !owner.getId().equals(user.getId()))) {
            throw new IllegalArgumentException("a user chooses among the modes of their own profiles");
        }
        this.user = user;
        choose(mode, chosenAt, until);
    }

    /** Replaces the choice by a new one. */
    public void choose(AvailabilityMode newMode, Instant newChosenAt, Instant newUntil) {
        if (newUntil != null && !newChosenAt.isBefore(newUntil)) {
            throw new IllegalArgumentException("a choice ends after it is made");
        }
        this.mode = newMode;
        this.chosenAt = newChosenAt;
        this.until = newUntil;
    }

    public boolean inForceAt(Instant now) {
        return !now.isBefore(chosenAt) && (until == null || now.isBefore(until));
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public AvailabilityMode getMode() {
        return mode;
    }

    public Instant getChosenAt() {
        return chosenAt;
    }

    public Optional<Instant> getUntil() {
        return Optional.ofNullable(until);
    }
}

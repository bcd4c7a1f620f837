package dev.liaison.profile.entity;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import dev.liaison.profile.boundary.AvailabilityState;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An activity of the user (meeting, travel, …) within a profile: what watchers are told while it is
 * active, where calls go, how the user is notified, whom it applies to and when it is active.
 *
 * <p>Invariants: the name is unique within the profile; a transfer target is present exactly when
 * the state is TRANSFER; the scope is everyone or a non-empty set of contact keys; the profile's
 * default mode applies to everyone (it is what every watcher falls back to); rules are kept in the
 * order they were added, which is their precedence among equal periods.
 */
@Entity
@Table(name = "liaison_availability_mode", uniqueConstraints =
        @UniqueConstraint(name = "uk_availability_mode_profile_name", columnNames = {"profile_id", "name"}))
public class AvailabilityMode {

    @Id
    @SequenceGenerator(name = "availability_mode_seq", sequenceName = "liaison_availability_mode_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "availability_mode_seq")
    @Column(name = "id")
    private Long id;

    @Version
    @Column(name = "version")
    private long version;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "profile_id", nullable = false)
    private Profile profile;

    @NotNull
    @Pattern(regexp = Profile.NAME_PATTERN)
    @Column(name = "name", nullable = false, length = 32)
    private String name;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16, columnDefinition = "varchar(16)")
    private AvailabilityState state;

    @Embedded
    private TransferTarget transfer;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "notification_mode", nullable = false, length = 16, columnDefinition = "varchar(16)")
    private NotificationMode notification;

    @Column(name = "default_mode", nullable = false)
    private boolean defaultMode;

    @Column(name = "for_everyone", nullable = false)
    private boolean forEveryone = true;

    @ElementCollection
    @CollectionTable(name = "liaison_availability_mode_scope", joinColumns = @JoinColumn(name = "mode_id"))
    @Column(name = "contact_key", nullable = false, length = 254)
    private Set<String> scope = new LinkedHashSet<>();

    @OneToMany(mappedBy = "mode", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<ModeRule> rules = new ArrayList<>();

    protected AvailabilityMode() {
        // for JPA
    }

    AvailabilityMode(Profile profile, String name, AvailabilityState state, TransferTarget transfer,
                     NotificationMode notification) {
        this.profile = profile;
        this.name = name;
        this.notification = notification;
        changeState(state, transfer);
    }

    /** @throws InvalidInputException if a transfer target is missing for TRANSFER or given for another state */
    public void changeState(AvailabilityState newState, TransferTarget newTransfer) {
        if (newState == AvailabilityState.TRANSFER && newTransfer == null) {
            throw invalid("transfer", "mode " + name + " transfers calls: say where to (a number, a SIP URI, a terminal…)");
        }
        if (newState != AvailabilityState.TRANSFER && newTransfer != null) {
            throw invalid("transfer", "only a mode in the TRANSFER state has a transfer target");
        }
        this.state = newState;
        this.transfer = newTransfer;
    }

    /**
     * Makes the mode apply only to these contacts (contact keys, see {@link ContactKey}).
     *
     * @throws InvalidInputException for the default mode or an empty set
     */
    public void restrictTo(Set<String> contacts) {
        if (defaultMode) {
            throw invalid("scope", "mode " + name + " is the default and applies to everyone");
        }
        if (contacts.isEmpty()) {
            throw invalid("scope", "a mode restricted to contacts names at least one");
        }
        scope.clear();
        scope.addAll(contacts);
        forEveryone = false;
    }

    public void applyToEveryone() {
        scope.clear();
        forEveryone = true;
    }

    /**
     * Adds a rule in the syntax of {@link Recurrence#parse(String)}.
     *
     * @throws InvalidInputException naming what is wrong with the rule
     */
    public ModeRule addRule(String text) {
        ModeRule rule = new ModeRule(this, Recurrence.parse(text));
        rules.add(rule);
        return rule;
    }

    public void removeRule(ModeRule rule) {
        rules.remove(rule);
    }

    /** The rules as plain values, in precedence order. */
    public List<Recurrence> recurrences() {
        return rules.stream().map(ModeRule::recurrence).toList();
    }

    void makeDefault() {
        applyToEveryone();
        defaultMode = true;
    }

    void clearDefault() {
        defaultMode = false;
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("The availability mode is not valid: " + message,
                List.of(new Violation(field, message)));
    }

    public Long getId() {
        return id;
    }

    public Profile getProfile() {
        return profile;
    }

    public String getName() {
        return name;
    }

    public AvailabilityState getState() {
        return state;
    }

    public Optional<TransferTarget> getTransfer() {
        return Optional.ofNullable(transfer);
    }

    public NotificationMode getNotification() {
        return notification;
    }

    public void setNotification(NotificationMode notification) {
        this.notification = notification;
    }

    public boolean isDefaultMode() {
        return defaultMode;
    }

    public boolean isForEveryone() {
        return forEveryone;
    }

    public Set<String> getScope() {
        return Set.copyOf(scope);
    }

    public List<ModeRule> getRules() {
        return List.copyOf(rules);
    }
}

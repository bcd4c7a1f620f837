package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import dev.liaison.profile.boundary.AvailabilityState;
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
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One face of a user (personal, professional, …): the number it is reached on, the services it
 * subscribes to with their personalisation, its availability modes and its contact lists.
 *
 * <p>Invariants: a profile name is unique for its owner; among a user's profiles exactly one is
 * the default (the one a terminal activates when it names none, and the one active when neither a
 * choice nor a rule selects another), which the profile service keeps true when profiles are added
 * or removed; every personalisation parameter belongs to a subscribed service; among the modes
 * exactly one is the default mode, and it applies to everyone.
 */
@Entity
@Table(name = "liaison_profile", uniqueConstraints =
        @UniqueConstraint(name = "uk_profile_owner_name", columnNames = {"owner_id", "name"}))
@NamedQuery(name = Profile.FIND_BY_OWNER,
        query = "SELECT p FROM Profile p WHERE p.owner.username = :username ORDER BY p.id")
@NamedQuery(name = Profile.FIND_BY_OWNER_AND_NAME,
        query = "SELECT p FROM Profile p WHERE p.owner.username = :username AND p.name = :name")
public class Profile {

    public static final String FIND_BY_OWNER = "Profile.findByOwner";
    public static final String FIND_BY_OWNER_AND_NAME = "Profile.findByOwnerAndName";

    /** Lower-case letters, digits, dot, dash and underscore; it appears in URLs (/profiles/{name}). */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,31}";
    /** A telephone number or a SIP URI. */
    public static final String CONTACT_NUMBER_PATTERN = "\\+?[0-9][0-9 .()-]{1,30}|sips?:\\S{3,250}";

    @Id
    @SequenceGenerator(name = "profile_seq", sequenceName = "liaison_profile_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "profile_seq")
    @Column(name = "id")
    private Long id;

    @Version
    @Column(name = "version")
    private long version;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false)
    private User owner;

    @NotNull
    @Pattern(regexp = NAME_PATTERN)
    @Column(name = "name", nullable = false, length = 32)
    private String name;

    @NotNull
    @Pattern(regexp = CONTACT_NUMBER_PATTERN)
    @Column(name = "contact_number", nullable = false, length = 254)
    private String contactNumber;

    @Column(name = "default_profile", nullable = false)
    private boolean defaultProfile;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "visibility", nullable = false, length = 20, columnDefinition = "varchar(20)")
    private Visibility visibility = Visibility.ON_AUTHORISATION;

    @ElementCollection
    @CollectionTable(name = "liaison_profile_service", joinColumns = @JoinColumn(name = "profile_id"))
    @Column(name = "service_name", nullable = false, length = 100)
    private Set<@NotNull @Size(min = 1, max = 100) String> services = new LinkedHashSet<>();

    @Valid
    @ElementCollection
    @CollectionTable(name = "liaison_profile_service_parameter", joinColumns = @JoinColumn(name = "profile_id"))
    private Set<ServiceParameter> parameters = new LinkedHashSet<>();

    @OneToMany(mappedBy = "profile", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<AvailabilityMode> modes = new ArrayList<>();

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Profile() {
        // for JPA
    }

    /**
     * A profile with its first mode, the default one, which applies to everyone.
     */
    public Profile(User owner, String name, String contactNumber, boolean defaultProfile, String defaultModeName,
                   AvailabilityState defaultState, Instant createdAt) {
        this.owner = owner;
        this.name = name;
        this.contactNumber = contactNumber;
        this.defaultProfile = defaultProfile;
        this.createdAt = createdAt;
        AvailabilityMode mode = addMode(defaultModeName, defaultState, null, NotificationMode.TERMINAL);
        mode.makeDefault();
    }

    /** @throws InvalidInputException if a mode of that name exists or the transfer target does not fit the state */
    public AvailabilityMode addMode(String modeName, AvailabilityState state, TransferTarget transfer,
                                    NotificationMode notification) {
        if (mode(modeName).isPresent()) {
            throw invalid("name", "profile " + name + " already has a mode named " + modeName);
        }
        AvailabilityMode mode = new AvailabilityMode(this, modeName, state, transfer, notification);
        modes.add(mode);
        return mode;
    }

    public Optional<AvailabilityMode> mode(String modeName) {
        return modes.stream().filter(m -> m.getName().equals(modeName)).findFirst();
    }

    public AvailabilityMode defaultMode() {
        return modes.stream().filter(AvailabilityMode::isDefaultMode).findFirst().orElseThrow();
    }

    /** Makes {@code mode} (one of this profile's) the default, in place of the previous one. */
    public void setDefaultMode(AvailabilityMode mode) {
        if (!modes.contains(mode)) {
            throw new IllegalArgumentException("mode " + mode.getName() + " is not a mode of profile " + name);
        }
        AvailabilityMode previous = defaultMode();
        mode.makeDefault();
        if (previous != mode) {
            previous.clearDefault();
        }
    }

    /** @throws InvalidInputException for the default mode, which a profile always keeps */
    public void removeMode(AvailabilityMode mode) {
        if (mode.isDefaultMode()) {
            throw invalid("name", "mode " + mode.getName() + " is the default of profile " + name
                    + "; make another the default first");
        }
        modes.remove(mode);
    }

    public void subscribe(String service) {
        services.add(service);
    }

    /** Ends a subscription and forgets its personalisation. */
    public void unsubscribe(String service) {
        services.remove(service);
        parameters.removeIf(p -> p.getService().equals(service));
    }

    /**
     * Sets one personalisation parameter of a subscribed service, replacing its previous value.
     *
     * @throws InvalidInputException if the profile does not subscribe to the service
     */
    public void personalise(String service, String parameter, String value) {
        if (!services.contains(service)) {
            throw invalid("service", "profile " + name + " does not subscribe to " + service);
        }
        parameters.removeIf(p -> p.getService().equals(service) && p.getName().equals(parameter));
        parameters.add(new ServiceParameter(service, parameter, value));
    }

    /** The personalisation of one service, by parameter name. */
    public Map<String, String> parametersOf(String service) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.stream().filter(p -> p.getService().equals(service)).forEach(p -> values.put(p.getName(), p.getValue()));
        return values;
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("The profile change is not valid: " + message, List.of(new Violation(field, message)));
    }

    public Long getId() {
        return id;
    }

    public User getOwner() {
        return owner;
    }

    public String getName() {
        return name;
    }

    public String getContactNumber() {
        return contactNumber;
    }

    public void setContactNumber(String contactNumber) {
        this.contactNumber = contactNumber;
    }

    public boolean isDefaultProfile() {
        return defaultProfile;
    }

    public void setDefaultProfile(boolean defaultProfile) {
        this.defaultProfile = defaultProfile;
    }

    public Visibility getVisibility() {
        return visibility;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public Set<String> getServices() {
        return Set.copyOf(services);
    }

    public List<AvailabilityMode> getModes() {
        return List.copyOf(modes);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

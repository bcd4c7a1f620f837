package dev.liaison.profile.boundary;

import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.ActingFor;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import dev.liaison.profile.entity.AvailabilityMode;
import dev.liaison.profile.entity.ContactKey;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.ModeChoice;
import dev.liaison.profile.entity.ModeRule;
import dev.liaison.profile.entity.NotificationMode;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.TransferTarget;
import dev.liaison.profile.entity.Visibility;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A user's own profiles, their availability modes and rules, their contact lists and the explicit
 * mode choice. Every change that can alter what watchers see is handed to {@link PresenceChanges}
 * in the same transaction. A profile of another user answers like one that does not exist. An
 * administrator may manage another user's as that user ({@link ActingFor}); each such change is logged.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class Profiles {

    private static final Set<ListKind> ACCESS_LISTS = EnumSet.of(ListKind.AUTHORISED, ListKind.DENIED,
            ListKind.AUTHORISATION_REQUIRED);

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<ProfileChanged> profileChanged;

    @Inject
    Event<ContactAccessChanged> accessChanged;

    @Inject
    Event<ProfileRemoval> removal;


    @Resource
    SessionContext context;

    @Inject
    ActingFor acting;

    Clock clock = Clock.systemUTC();

    // ---- profiles

    public List<ProfileView> list() {
        return profilesOf(owner()).stream().map(ProfileView::of).toList();
    }

    public ProfileView find(long id) {
        return ProfileView.of(owned(id));
    }

    public ProfileView create(ProfileInput input) {
        if (input == null) {
            throw invalid("body", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        String name = checkName(input.name(), "name", violations);
        String number = checkContactNumber(input.contactNumber(), violations);
        Visibility visibility = parse(Visibility.class, input.visibility(), Visibility.ON_AUTHORISATION, "visibility",
                violations);
        String modeName = input.defaultMode() == null ? "default" : checkName(input.defaultMode(), "defaultMode", violations);
        AvailabilityState state = parse(AvailabilityState.class, input.defaultState(), AvailabilityState.AVAILABLE,
                "defaultState", violations);
        if (state == AvailabilityState.TRANSFER) {
            violations.add(new Violation("defaultState", "the default mode of a new profile cannot transfer; add a TRANSFER mode"));
        }
        failOn(violations);
        User owner = me();
        List<Profile> existing = profilesOf(owner.getUsername());
        if (existing.stream().anyMatch(p -> p.getName().equals(name))) {
            throw new ConflictException("name", "You already have a profile named " + name);
        }
        boolean makeDefault = existing.isEmpty() || Boolean.TRUE.equals(input.defaultProfile());
        if (makeDefault) {
            existing.forEach(p -> p.setDefaultProfile(false));
        }
        Profile profile = new Profile(owner, name, number, makeDefault, modeName, state, clock.instant());
        profile.setVisibility(visibility);
        em.persist(profile);
        em.flush();
        profileChanged.fire(new ProfileChanged(owner.getUsername(), "profile created"));
        acting.changed(context, "profile created");
        return ProfileView.of(profile);
    }

    /** Changes the contact number, visibility and default flag; the name stays (it is the profile's address). */
    public ProfileView update(long id, ProfileInput input) {
        Profile profile = owned(id);
        if (input == null) {
            throw invalid("body", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        if (input.name() != null && !input.name().equals(profile.getName())) {
            violations.add(new Violation("name", "a profile keeps its name; create another profile instead"));
        }
        String number = input.contactNumber() == null ? profile.getContactNumber()
                : checkContactNumber(input.contactNumber(), violations);
        Visibility visibility = parse(Visibility.class, input.visibility(), profile.getVisibility(), "visibility", violations);
        if (Boolean.FALSE.equals(input.defaultProfile()) && profile.isDefaultProfile()) {
            violations.add(new Violation("defaultProfile", "make another profile the default instead"));
        }
        failOn(violations);
        profile.setContactNumber(number);
        profile.setVisibility(visibility);
        if (Boolean.TRUE.equals(input.defaultProfile())) {
            profilesOf(owner()).forEach(p -> p.setDefaultProfile(p == profile));
        }
        profileChanged.fire(new ProfileChanged(owner(), "profile changed"));
        acting.changed(context, "profile changed");
        return ProfileView.of(profile);
    }

    /**
     * Deletes a profile with its modes, lists and requests. Another profile becomes the default if
     * this one was. A profile that terminals have connected with stays, as the record of those sessions.
     */
    public void delete(long id) {
        Profile profile = owned(id);
        // presence keeps the profile while terminals have connected with it (ConflictException)
        removal.fire(new ProfileRemoval(profile.getId(), profile.getName()));
        ModeChoice choice = choiceOf(owner());
        if (choice != null && choice.getMode().getProfile() == profile) {
            em.remove(choice);
        }
        em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class).setParameter("profile", profile)
                .getResultList().forEach(em::remove);
        em.remove(profile);
        em.flush();
        if (profile.isDefaultProfile()) {
            profilesOf(owner()).stream().findFirst().ifPresent(p -> p.setDefaultProfile(true));
        }
        profileChanged.fire(new ProfileChanged(owner(), "profile deleted"));
        acting.changed(context, "profile deleted");
    }

    // ---- modes

    public List<ModeView> modes(long profileId) {
        return owned(profileId).getModes().stream().map(ModeView::of).toList();
    }

    public ModeView mode(long profileId, long modeId) {
        return ModeView.of(mode(owned(profileId), modeId));
    }

    public ModeView addMode(long profileId, ModeInput input) {
        Profile profile = owned(profileId);
        if (input == null) {
            throw invalid("body", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        String name = checkName(input.name(), "name", violations);
        ModeValues values = modeValues(input, null, violations);
        failOn(violations);
        AvailabilityMode mode = profile.addMode(name, values.state(), values.transfer(), values.notification());
        applyScope(profile, mode, values.scope(), Boolean.TRUE.equals(input.defaultMode()));
        em.flush();
        profileChanged.fire(new ProfileChanged(owner(), "mode added"));
        acting.changed(context, "mode added");
        return ModeView.of(mode);
    }

    public ModeView updateMode(long profileId, long modeId, ModeInput input) {
        Profile profile = owned(profileId);
        AvailabilityMode mode = mode(profile, modeId);
        if (input == null) {
            throw invalid("body", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        if (input.name() != null && !input.name().equals(mode.getName())) {
            violations.add(new Violation("name", "a mode keeps its name; add another mode instead"));
        }
        ModeValues values = modeValues(input, mode, violations);
        failOn(violations);
        mode.changeState(values.state(), values.transfer());
        mode.setNotification(values.notification());
        applyScope(profile, mode, values.scope(), Boolean.TRUE.equals(input.defaultMode()));
        profileChanged.fire(new ProfileChanged(owner(), "mode changed"));
        acting.changed(context, "mode changed");
        return ModeView.of(mode);
    }

    public void removeMode(long profileId, long modeId) {
        Profile profile = owned(profileId);
        AvailabilityMode mode = mode(profile, modeId);
        if (mode.isDefaultMode()) {
            throw invalid("modeId", "mode " + mode.getName() + " is the default of profile " + profile.getName()
                    + "; make another the default first");
        }
        ModeChoice choice = choiceOf(owner());
        if (choice != null && choice.getMode() == mode) {
            em.remove(choice);
        }
        profile.removeMode(mode);
        em.flush();
        profileChanged.fire(new ProfileChanged(owner(), "mode removed"));
        acting.changed(context, "mode removed");
    }

    // ---- rules

    public List<RuleView> rules(long profileId, long modeId) {
        return mode(owned(profileId), modeId).getRules().stream().map(RuleView::of).toList();
    }

    /** @throws InvalidInputException with the field "rule" and what is wrong with it */
    public RuleView addRule(long profileId, long modeId, RuleInput input) {
        AvailabilityMode mode = mode(owned(profileId), modeId);
        if (input == null || input.rule() == null || input.rule().isBlank()) {
            throw invalid("rule", "is required: iCalendar lines such as DTSTART;TZID=Europe/Paris:20260105T090000");
        }
        ModeRule rule = mode.addRule(input.rule());
        em.flush();
        profileChanged.fire(new ProfileChanged(owner(), "rules changed"));
        acting.changed(context, "rules changed");
        return RuleView.of(rule);
    }

    public void removeRule(long profileId, long modeId, long ruleId) {
        AvailabilityMode mode = mode(owned(profileId), modeId);
        ModeRule rule = mode.getRules().stream().filter(r -> r.getId() == ruleId).findFirst()
                .orElseThrow(() -> new NotFoundException("Mode " + mode.getName() + " has no rule " + ruleId));
        mode.removeRule(rule);
        em.flush();
        profileChanged.fire(new ProfileChanged(owner(), "rules changed"));
        acting.changed(context, "rules changed");
    }

    // ---- contact lists

    public List<ContactView> contacts(long profileId) {
        return entries(owned(profileId)).stream().map(ContactView::of).toList();
    }

    /**
     * Puts a contact in a list. AUTHORISED, DENIED and AUTHORISATION_REQUIRED exclude one another:
     * putting a contact in one of them takes it out of the other two (a move). Putting it where it
     * already is changes nothing.
     */
    public ContactView putContact(long profileId, ContactInput input) {
        Profile profile = owned(profileId);
        if (input == null) {
            throw invalid("body", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        ListKind kind = parse(ListKind.class, input.list(), null, "list", violations);
        Contact contact = contact(input.contact(), "contact", violations);
        failOn(violations);
        List<ContactListEntry> entries = entries(profile);
        Optional<ContactListEntry> already = entries.stream()
                .filter(e -> e.getKind() == kind && e.getContactKey().equals(contact.key())).findFirst();
        if (already.isPresent()) {
            return ContactView.of(already.get());
        }
        if (ACCESS_LISTS.contains(kind)) {
            entries.stream().filter(e -> ACCESS_LISTS.contains(e.getKind()) && e.getContactKey().equals(contact.key()))
                    .forEach(em::remove);
        }
        Instant now = clock.instant();
        ContactListEntry entry = contact.user() != null ? ContactListEntry.ofUser(profile, kind, contact.user(), now)
                : ContactListEntry.ofAddress(profile, kind, contact.key(), now);
        em.persist(entry);
        em.flush();
        listChanged(contact, kind);
        return ContactView.of(entry);
    }

    public void removeContact(long profileId, long entryId) {
        Profile profile = owned(profileId);
        ContactListEntry entry = entries(profile).stream().filter(e -> e.getId() == entryId).findFirst()
                .orElseThrow(() -> new NotFoundException("Profile " + profile.getName() + " has no contact entry " + entryId));
        em.remove(entry);
        em.flush();
        listChanged(new Contact(entry.getContactKey(), entry.getContactUser().orElse(null)), entry.getKind());
    }

    private void listChanged(Contact contact, ListKind kind) {
        String me = owner();
        profileChanged.fire(new ProfileChanged(me, "contact list changed"));
        acting.changed(context, "contact list changed");
        if (contact.user() != null) {
            accessChanged.fire(new ContactAccessChanged(me, contact.key(), "contact list changed"));
            if (kind == ListKind.FOLLOWED) {
                accessChanged.fire(new ContactAccessChanged(contact.key(), me, "followed contacts changed"));
            }
        }
    }

    // ---- explicit choice

    /** The caller's choice, if one is stored (it may have run out: see {@link ChoiceView#until()}). */
    public Optional<ChoiceView> choice() {
        return Optional.ofNullable(choiceOf(owner())).map(ChoiceView::of);
    }

    /**
     * Chooses a mode of a profile (its default mode if none is named), replacing any previous
     * choice. It holds until the next rule boundary, or until cleared if the rules will not change
     * anything again.
     */
    public ChoiceView choose(long profileId, ChoiceInput input) {
        Profile profile = owned(profileId);
        String modeName = input == null || input.mode() == null ? null : input.mode().strip();
        AvailabilityMode mode = modeName == null ? profile.defaultMode()
                : profile.mode(modeName).orElseThrow(() -> invalid("mode", "profile " + profile.getName()
                        + " has no mode named " + modeName));
        return choose(mode);
    }

    /** Activates the caller's profile of that name with its default mode, as an explicit choice. */
    public ChoiceView activate(String profileName) {
        Profile profile = em.createNamedQuery(Profile.FIND_BY_OWNER_AND_NAME, Profile.class)
                .setParameter("username", owner()).setParameter("name", profileName == null ? "" : profileName.strip())
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("You have no profile named " + profileName));
        return choose(profile.defaultMode());
    }

    private ChoiceView choose(AvailabilityMode mode) {
        Instant now = clock.instant();
        User me = me();
        Instant until = ModeSchedule.of(profilesOf(me.getUsername())).flatMap(s -> s.choiceEnds(now)).orElse(null);
        ModeChoice choice = choiceOf(me.getUsername());
        if (choice == null) {
            choice = new ModeChoice(me, mode, now, until);
            em.persist(choice);
        } else {
            choice.choose(mode, now, until);
        }
        em.flush();
        profileChanged.fire(new ProfileChanged(me.getUsername(), "mode chosen"));
        acting.changed(context, "mode chosen");
        return ChoiceView.of(choice);
    }

    /** Clears the caller's choice: the rules decide again. */
    public void clearChoice() {
        ModeChoice choice = choiceOf(owner());
        if (choice != null) {
            em.remove(choice);
            em.flush();
            profileChanged.fire(new ProfileChanged(owner(), "choice cleared"));
            acting.changed(context, "choice cleared");
        }
    }

    // ---- helpers

    private record ModeValues(AvailabilityState state, TransferTarget transfer, NotificationMode notification,
                              Set<String> scope) {
    }

    private ModeValues modeValues(ModeInput input, AvailabilityMode current, List<Violation> violations) {
        AvailabilityState state = parse(AvailabilityState.class, input.state(),
                current == null ? null : current.getState(), "state", violations);
        NotificationMode notification = parse(NotificationMode.class, input.notification(),
                current == null ? NotificationMode.TERMINAL : current.getNotification(), "notification", violations);
        TransferTarget transfer = null;
        if (input.transferKind() != null || input.transferAddress() != null) {
            TransferTarget.Kind kind = parse(TransferTarget.Kind.class, input.transferKind(), null, "transferKind", violations);
            if (kind != null) {
                try {
                    transfer = TransferTarget.of(kind, input.transferAddress());
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation("transferAddress", e.getMessage()));
                }
            }
        } else if (current != null && state == AvailabilityState.TRANSFER) {
            transfer = current.getTransfer().orElse(null);
        }
        if (state == AvailabilityState.TRANSFER && transfer == null && violations.stream()
                .noneMatch(v -> v.field().startsWith("transfer"))) {
            violations.add(new Violation("transferKind", "a TRANSFER mode says where calls go (transferKind and transferAddress)"));
        }
        if (state != null && state != AvailabilityState.TRANSFER && transfer != null) {
            violations.add(new Violation("transferKind", "only a mode in the TRANSFER state has a transfer target"));
        }
        Set<String> scope = new LinkedHashSet<>();
        List<String> requested = input.scope() == null ? List.of() : input.scope();
        for (int i = 0; i < requested.size(); i++) {
            Contact contact = contact(requested.get(i), "scope[" + i + "]", violations);
            if (contact != null) {
                scope.add(contact.key());
            }
        }
        return new ModeValues(state, transfer, notification, scope);
    }

    private static void applyScope(Profile profile, AvailabilityMode mode, Set<String> scope, boolean makeDefault) {
        if (makeDefault) {
            if (!scope.isEmpty()) {
                throw invalid("scope", "the default mode applies to everyone");
            }
            profile.setDefaultMode(mode);
        } else if (scope.isEmpty()) {
            mode.applyToEveryone();
        } else {
            mode.restrictTo(scope);
        }
    }

    private record Contact(String key, User user) {
    }

    /** A username of a registered user, or an address; null (with a violation) otherwise. */
    private Contact contact(String value, String field, List<Violation> violations) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            violations.add(new Violation(field, "is required: a username or an address (sip:, tel:, e-mail)"));
            return null;
        }
        if (text.contains(":") || text.contains("@")) {
            try {
                return new Contact(ContactKey.ofAddress(text), null);
            } catch (InvalidInputException e) {
                violations.add(new Violation(field, e.violations().get(0).message()));
                return null;
            }
        }
        Optional<User> user = userNamed(text.toLowerCase(Locale.ROOT));
        if (user.isEmpty()) {
            violations.add(new Violation(field, "\"" + text + "\" is not a registered user"));
            return null;
        }
        return new Contact(ContactKey.ofUser(user.get()), user.get());
    }

    private List<Profile> profilesOf(String username) {
        return em.createNamedQuery(Profile.FIND_BY_OWNER, Profile.class).setParameter("username", username).getResultList();
    }

    private ModeChoice choiceOf(String username) {
        return em.createNamedQuery(ModeChoice.FIND_BY_USER, ModeChoice.class).setParameter("username", username)
                .getResultStream().findFirst().orElse(null);
    }

    private Optional<User> userNamed(String username) {
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    private List<ContactListEntry> entries(Profile profile) {
        return em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class)
                .setParameter("profile", profile).getResultList();
    }

    private Profile owned(long id) {
        Profile profile = em.find(Profile.class, id);
        if (profile == null || !profile.getOwner().getUsername().equals(owner())) {
            throw new NotFoundException("You have no profile " + id);
        }
        return profile;
    }

    private static AvailabilityMode mode(Profile profile, long modeId) {
        return profile.getModes().stream().filter(m -> m.getId() == modeId).findFirst()
                .orElseThrow(() -> new NotFoundException("Profile " + profile.getName() + " has no mode " + modeId));
    }

    private User me() {
        return userNamed(owner()).orElseThrow(() -> new NotFoundException("Your account is gone"));
    }

    /** The user whose data this call manages: the caller, or the user an administrator acts for. */
    private String owner() {
        return acting.owner(context);
    }

    private static String checkName(String value, String field, List<Violation> violations) {
        if (value == null || !value.matches(Profile.NAME_PATTERN)) {
            violations.add(new Violation(field, "must be 1 to 32 lower-case letters, digits, '.', '-' or '_'"));
        }
        return value;
    }

    private static String checkContactNumber(String value, List<Violation> violations) {
        String number = value == null ? null : value.strip();
        if (number == null || !number.matches(Profile.CONTACT_NUMBER_PATTERN)) {
            violations.add(new Violation("contactNumber", "must be a telephone number or a SIP URI"));
        }
        return number;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback, String field,
                                               List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                violations.add(new Violation(field, "is required: one of " + List.of(type.getEnumConstants())));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "must be one of " + List.of(type.getEnumConstants())));
            return fallback;
        }
    }

    private static void failOn(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The request is not valid", violations);
        }
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("The request is not valid: " + message, List.of(new Violation(field, message)));
    }
}

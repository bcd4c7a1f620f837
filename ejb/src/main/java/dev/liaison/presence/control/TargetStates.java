package dev.liaison.presence.control;

import dev.liaison.presence.control.TargetState.ActiveProfile;
import dev.liaison.presence.control.TargetState.Connection;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.presence.entity.Publication;
import dev.liaison.profile.boundary.ModeSchedule;
import dev.liaison.profile.entity.AvailabilityMode;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.ModeChoice;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.Visibility;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what the database holds about a user (profiles with their modes and rules, the explicit
 * choice, access sessions, contact lists and pending requests) into the plain values that
 * {@link ModeSchedule} and {@link Connectability} compute with.
 *
 * <p>A registered user who has not made any profile yet is shown through a stand-in profile that
 * is {@code ON_AUTHORISATION}, lists nobody and has one {@code AVAILABLE} mode: only the user
 * themself sees their state until they set up a profile.
 *
 * <p>A publication in force (a PUBLISH from one of the user's SIP clients) that applies to the
 * active profile stands in for the state of every AVAILABLE or NOT_AVAILABLE mode of the stack;
 * a TRANSFER or UNKNOWN mode the user set on the server is kept, and the scopes still decide which
 * mode a watcher gets. Of several such publications, the one whose state was published last wins.
 */
public final class TargetStates {

    /** The name of the stand-in profile of a user without profiles. */
    public static final String NO_PROFILE = "none";

    private TargetStates() {
    }

    /** The user's schedule; empty when the user has no profile. */
    public static Optional<ModeSchedule> schedule(List<Profile> profiles) {
        return ModeSchedule.of(profiles);
    }

    /** The stored choice as a schedule value; null stays null. */
    public static ModeSchedule.Choice choice(ModeChoice choice) {
        if (choice == null) {
            return null;
        }
        return new ModeSchedule.Choice(choice.getMode().getProfile().getName(), choice.getMode().getName(),
                choice.getChosenAt(), choice.getUntil().orElse(null));
    }

    /**
     * The state of a registered user at {@code now}.
     *
     * @param profiles the user's profiles in their declared order
     * @param entries  the contact list entries of those profiles, by profile name
     * @param pending  the contact keys of watchers with a pending request, by profile name
     */
    public static TargetState of(String username, List<Profile> profiles, ModeChoice choice, List<AccessSession> sessions,
                                 Map<String, List<ContactListEntry>> entries, Map<String, Set<String>> pending,
                                 Instant now) {
        return of(username, profiles, choice, sessions, entries, pending, List.of(), now);
    }

    /**
     * The state of a registered user at {@code now}, with what the user's clients published.
     *
     * @param publications the user's publications (those not in force at {@code now} are ignored)
     */
    public static TargetState of(String username, List<Profile> profiles, ModeChoice choice, List<AccessSession> sessions,
                                 Map<String, List<ContactListEntry>> entries, Map<String, Set<String>> pending,
                                 List<Publication> publications, Instant now) {
        return of(inputs(username, profiles, choice, sessions, entries, pending, publications), now);
    }

    /**
     * What a registered user's state is computed from, read off the entities once: the same at any
     * instant until one of them changes.
     */
    public static PresenceInputs inputs(String username, List<Profile> profiles, ModeChoice choice,
                                        List<AccessSession> sessions, Map<String, List<ContactListEntry>> entries,
                                        Map<String, Set<String>> pending, List<Publication> publications) {
        Map<String, PresenceInputs.ProfileInputs> byName = new HashMap<>();
        for (Profile profile : profiles) {
            Map<String, Mode> modes = new HashMap<>();
            profile.getModes().forEach(m -> modes.put(m.getName(), mode(m)));
            List<ContactListEntry> listed = entries.getOrDefault(profile.getName(), List.of());
            Lists lists = new Lists(keys(listed, ListKind.AUTHORISED), keys(listed, ListKind.DENIED),
                    keys(listed, ListKind.AUTHORISATION_REQUIRED));
            byName.put(profile.getName(), new PresenceInputs.ProfileInputs(profile.getName(), profile.getVisibility(), modes,
                    lists, pending.getOrDefault(profile.getName(), Set.of())));
        }
        return new PresenceInputs(username, true, schedule(profiles), choice(choice), byName,
                sessions.stream().map(TargetStates::connection).toList(),
                publications.stream().map(TargetStates::published).toList());
    }

    /** The state of a user at {@code now}, from what was read of them. */
    public static TargetState of(PresenceInputs inputs, Instant now) {
        if (!inputs.registered()) {
            return TargetState.notRegistered(inputs.username());
        }
        List<Connection> connections = inputs.connections();
        if (inputs.schedule().isEmpty()) {
            Mode only = published(Mode.forEveryone(NO_PROFILE, AvailabilityState.AVAILABLE, null),
                    publishedState(inputs.publications(), NO_PROFILE, now));
            ActiveProfile standIn = new ActiveProfile(NO_PROFILE, Visibility.ON_AUTHORISATION, List.of(only), Lists.empty());
            return new TargetState(inputs.username(), true, standIn, connections, Set.of());
        }
        ModeSchedule.Active active = inputs.schedule().get().activeAt(inputs.choice(), now);
        PresenceInputs.ProfileInputs profile = inputs.profiles().get(active.profile());
        AvailabilityState published = publishedState(inputs.publications(), profile.name(), now);
        List<Mode> modes = active.modes().stream()
                .map(name -> published(Objects.requireNonNull(profile.modes().get(name), name), published))
                .toList();
        return new TargetState(inputs.username(), true,
                new ActiveProfile(profile.name(), profile.visibility(), modes, profile.lists()),
                connections, profile.pending());
    }

    /** The state the last publication in force for {@code profile} says, or null. */
    private static AvailabilityState publishedState(List<PresenceInputs.Published> publications, String profile, Instant now) {
        return publications.stream()
                .filter(p -> p.inForceAt(now) && (p.profile() == null || p.profile().equals(profile)))
                .max(Comparator.comparing(PresenceInputs.Published::publishedAt)
                        .thenComparingLong(PresenceInputs.Published::order))
                .map(PresenceInputs.Published::state).orElse(null);
    }

    private static PresenceInputs.Published published(Publication publication) {
        return new PresenceInputs.Published(publication.getProfile().orElse(null), publication.getState(),
                publication.getPublishedAt(), publication.getExpiresAt(),
                publication.getId() == null ? Long.MIN_VALUE : publication.getId());
    }

    private static Mode published(Mode mode, AvailabilityState published) {
        if (published == null || (mode.state() != AvailabilityState.AVAILABLE && mode.state() != AvailabilityState.NOT_AVAILABLE)) {
            return mode;
        }
        return new Mode(mode.name(), published, null, mode.everyone(), mode.contacts());
    }

    private static Set<String> keys(List<ContactListEntry> entries, ListKind kind) {
        return entries.stream().filter(e -> e.getKind() == kind).map(ContactListEntry::getContactKey)
                .collect(Collectors.toSet());
    }

    private static Mode mode(AvailabilityMode mode) {
        return mode.isForEveryone()
                ? Mode.forEveryone(mode.getName(), mode.getState(), mode.getTransfer().orElse(null))
                : Mode.forContacts(mode.getName(), mode.getState(), mode.getTransfer().orElse(null), mode.getScope());
    }

    private static Connection connection(AccessSession session) {
        String terminal = session.getContactUri()
                .orElseGet(() -> session.getTerminal().map(t -> "terminal-" + t.getId()).orElse("session-" + session.getId()));
        return new Connection(terminal, session.getProfile().map(Profile::getName).orElse(null), session.getStartedAt(),
                session.getExpiresAt().orElse(null), session.getEndedAt().orElse(null));
    }
}

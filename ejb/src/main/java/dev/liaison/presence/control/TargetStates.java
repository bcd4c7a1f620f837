package dev.liaison.presence.control;

import dev.liaison.presence.control.TargetState.ActiveProfile;
import dev.liaison.presence.control.TargetState.Connection;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.profile.control.ModeSchedule;
import dev.liaison.profile.entity.AvailabilityMode;
import dev.liaison.profile.entity.AvailabilityState;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.ModeChoice;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 */
public final class TargetStates {

    /** The name of the stand-in profile of a user without profiles. */
    public static final String NO_PROFILE = "none";

    private TargetStates() {
    }

    /** The user's schedule; empty when the user has no profile. */
    public static Optional<ModeSchedule> schedule(List<Profile> profiles) {
        if (profiles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModeSchedule(profiles.stream()
                .map(p -> new ModeSchedule.ProfilePlan(p.getName(), p.isDefaultProfile(), p.getModes().stream()
                        .map(m -> new ModeSchedule.ModePlan(m.getName(), m.isDefaultMode(), m.recurrences()))
                        .toList()))
                .toList()));
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
        List<Connection> connections = sessions.stream().map(TargetStates::connection).toList();
        Optional<ModeSchedule> schedule = schedule(profiles);
        if (schedule.isEmpty()) {
            ActiveProfile standIn = new ActiveProfile(NO_PROFILE, Visibility.ON_AUTHORISATION,
                    List.of(Mode.forEveryone(NO_PROFILE, AvailabilityState.AVAILABLE, null)), Lists.empty());
            return new TargetState(username, true, standIn, connections, Set.of());
        }
        ModeSchedule.Active active = schedule.get().activeAt(choice(choice), now);
        Profile profile = profiles.stream().filter(p -> p.getName().equals(active.profile())).findFirst().orElseThrow();
        List<Mode> modes = active.modes().stream()
                .map(name -> mode(profile.mode(name).orElseThrow()))
                .toList();
        List<ContactListEntry> listed = entries.getOrDefault(profile.getName(), List.of());
        Lists lists = new Lists(keys(listed, ListKind.AUTHORISED), keys(listed, ListKind.DENIED),
                keys(listed, ListKind.AUTHORISATION_REQUIRED));
        return new TargetState(username, true, new ActiveProfile(profile.getName(), profile.getVisibility(), modes, lists),
                connections, pending.getOrDefault(profile.getName(), Set.of()));
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

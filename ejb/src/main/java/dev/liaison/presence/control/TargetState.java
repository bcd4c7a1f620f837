package dev.liaison.presence.control;

import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.TransferTarget;
import dev.liaison.profile.entity.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link Connectability} needs to know about the user being watched, as plain values.
 *
 * @param user            the user's contact key (username)
 * @param registered      whether the user exists and is enabled; a user who is not has no profile
 * @param profile         the active profile at the instant asked about, with its mode stack from
 *                        {@code ModeSchedule}; null when not registered
 * @param connections     the user's access sessions, live or not, on any profile
 * @param pendingRequests contact keys of watchers whose authorisation request on the active profile
 *                        awaits an answer
 */
public record TargetState(String user, boolean registered, ActiveProfile profile, List<Connection> connections,
                          Set<String> pendingRequests) {

    public TargetState {
        Objects.requireNonNull(user, "user");
        if (registered != (profile != null)) {
            throw new IllegalArgumentException("a registered user, and only one, has an active profile");
        }
        connections = List.copyOf(connections);
        pendingRequests = Set.copyOf(pendingRequests);
    }

    /** A user the server does not know (or who is disabled). */
    public static TargetState notRegistered(String user) {
        return new TargetState(user, false, null, List.of(), Set.of());
    }

    /**
     * The active profile: its name, who may see it, its mode stack (winner first; the last applies
     * to everyone) and its contact lists.
     */
    public record ActiveProfile(String name, Visibility visibility, List<Mode> modes, Lists lists) {
        public ActiveProfile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(visibility, "visibility");
            Objects.requireNonNull(lists, "lists");
            modes = List.copyOf(modes);
            if (modes.isEmpty() || !modes.get(modes.size() - 1).everyone()) {
                throw new IllegalArgumentException("the last mode of the stack (the default) applies to everyone");
            }
        }
    }

    /**
     * An availability mode: its state, the transfer target (present exactly when the state is
     * TRANSFER) and its scope: everyone, or only the listed contact keys.
     */
    public record Mode(String name, AvailabilityState state, TransferTarget transfer, boolean everyone,
                       Set<String> contacts) {
        public Mode {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            if ((state == AvailabilityState.TRANSFER) != (transfer != null)) {
                throw new IllegalArgumentException("a transfer target goes with the TRANSFER state, and only with it");
            }
            contacts = everyone ? Set.of() : Set.copyOf(contacts);
        }

        public static Mode forEveryone(String name, AvailabilityState state, TransferTarget transfer) {
            return new Mode(name, state, transfer, true, Set.of());
        }

        public static Mode forContacts(String name, AvailabilityState state, TransferTarget transfer, Set<String> contacts) {
            return new Mode(name, state, transfer, false, contacts);
        }

        public boolean appliesTo(String contact) {
            return everyone || contacts.contains(contact);
        }
    }

    /** The access lists of the active profile, as contact keys. */
    public record Lists(Set<String> authorised, Set<String> denied, Set<String> authorisationRequired) {
        public Lists {
            authorised = Set.copyOf(authorised);
            denied = Set.copyOf(denied);
            authorisationRequired = Set.copyOf(authorisationRequired);
        }

        public static Lists empty() {
            return new Lists(Set.of(), Set.of(), Set.of());
        }
    }

    /**
     * An access session: a terminal connected with a profile, or with none when it follows whichever
     * profile is active. It is live from {@code started} until it ends or expires (either may be null).
     */
    public record Connection(String terminal, String profile, Instant started, Instant expires, Instant ended) {
        public Connection {
            Objects.requireNonNull(terminal, "terminal");
            Objects.requireNonNull(started, "started");
        }

        public boolean liveAt(Instant now) {
            return !now.isBefore(started) && (expires == null || now.isBefore(expires))
                    && (ended == null || now.isBefore(ended));
        }

        public boolean serves(String activeProfile) {
            return profile == null || profile.equals(activeProfile);
        }
    }
}

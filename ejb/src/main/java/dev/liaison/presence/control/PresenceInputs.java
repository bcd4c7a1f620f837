package dev.liaison.presence.control;

import dev.liaison.presence.control.TargetState.Connection;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.profile.boundary.ModeSchedule;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the database holds that a user's connectability depends on, as immutable values that
 * do not depend on the time: which mode is active, which session is live and which publication is
 * in force are decided later, at the instant asked ({@link TargetStates#of(PresenceInputs, Instant)}).
 * That is what lets {@link PresenceCache} keep them between reads.
 *
 * @param username     the user's name as stored (or as asked, for a user who is not registered)
 * @param registered   false for a user who does not exist or is disabled; then nothing else is set
 * @param schedule     the user's profiles and modes with their rules; empty without profiles
 * @param choice       the user's explicit choice of mode, or null
 * @param profiles     each profile's visibility, modes, lists and pending requests, by name
 * @param connections  the user's open access sessions
 * @param publications the state each of the user's SIP clients published, expired ones included
 */
public record PresenceInputs(String username, boolean registered, Optional<ModeSchedule> schedule,
                             ModeSchedule.Choice choice, Map<String, ProfileInputs> profiles,
                             List<Connection> connections, List<Published> publications) {

    public PresenceInputs {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(schedule, "schedule");
        profiles = Map.copyOf(profiles);
        connections = List.copyOf(connections);
        publications = List.copyOf(publications);
    }

    /** A user the server does not know, or who is disabled. */
    public static PresenceInputs notRegistered(String username) {
        return new PresenceInputs(username, false, Optional.empty(), null, Map.of(), List.of(), List.of());
    }

    /** One profile: who may see it, its modes by name, its lists and the watchers waiting for an answer. */
    public record ProfileInputs(String name, Visibility visibility, Map<String, Mode> modes, Lists lists,
                                Set<String> pending) {
        public ProfileInputs {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(visibility, "visibility");
            Objects.requireNonNull(lists, "lists");
            modes = Map.copyOf(modes);
            pending = Set.copyOf(pending);
        }
    }

    /**
     * A state a SIP client published: for one profile, or for whichever is active (null); in force
     * until {@code expires}. {@code order} breaks ties between publications made at the same instant.
     */
    public record Published(String profile, AvailabilityState state, Instant publishedAt, Instant expires, long order) {
        public Published {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(expires, "expires");
        }

        public boolean inForceAt(Instant now) {
            return now.isBefore(expires);
        }
    }
}

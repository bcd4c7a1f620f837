package dev.liaison.presence.control;

import dev.liaison.directory.entity.User;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.presence.entity.AuthorisationRequest;
import dev.liaison.presence.entity.Publication;
import dev.liaison.profile.boundary.ModeSchedule;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.ModeChoice;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a user's presence inputs from the database and evaluates connectability with them. */
@Stateless
@PermitAll
public class PresenceReader {

    @PersistenceContext
    EntityManager em;

    @Inject
    PresenceCache cache;

    Clock clock = Clock.systemUTC();

    /** This bean through the container, for the reads that need a transaction of their own. */
    @EJB
    PresenceReader committed;

    public Optional<User> user(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username.strip())
                .getResultStream().findFirst();
    }

    public List<Profile> profiles(String username) {
        return em.createNamedQuery(Profile.FIND_BY_OWNER, Profile.class).setParameter("username", username).getResultList();
    }

    public ModeChoice choice(String username) {
        return em.createNamedQuery(ModeChoice.FIND_BY_USER, ModeChoice.class).setParameter("username", username)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * Everything connectability needs about {@code username}, read in the current transaction (so
     * with what it has written): for those who recompute a state after changing it. A user who
     * does not exist or is disabled is not registered.
     */
    public TargetState target(String username, Instant now) {
        return TargetStates.of(inputs(username), now);
    }

    /**
     * The same as {@link #target}, as committed, answered from {@link PresenceCache} when nothing
     * about the user changed since it was last read: for reads that change nothing.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TargetState committedTarget(String username, Instant now) {
        String name = username == null ? "" : username.strip();
        return TargetStates.of(cache.inputs(name, () -> committed.committedInputs(name)), now);
    }

    /**
     * What {@code username}'s state is computed from, read in a transaction of its own, so that
     * what the cache keeps was committed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public PresenceInputs committedInputs(String username) {
        return inputs(username);
    }

    private PresenceInputs inputs(String username) {
        Optional<User> user = user(username);
        if (user.isEmpty() || !user.get().isEnabled()) {
            return PresenceInputs.notRegistered(username == null ? "" : username);
        }
        String name = user.get().getUsername();
        cache.knownAs(user.get().getId(), name);
        List<Profile> profiles = profiles(name);
        Map<String, List<ContactListEntry>> entries = new HashMap<>();
        Map<String, Set<String>> pending = new HashMap<>();
        for (Profile profile : profiles) {
            entries.put(profile.getName(), em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class)
                    .setParameter("profile", profile).getResultList());
            pending.put(profile.getName(), em.createNamedQuery(AuthorisationRequest.FIND_BY_PROFILE_AND_STATE,
                            AuthorisationRequest.class)
                    .setParameter("profile", profile).setParameter("state", AuthorisationRequest.State.PENDING)
                    .getResultStream().map(AuthorisationRequest::getWatcherKey).collect(Collectors.toSet()));
        }
        List<AccessSession> sessions = em.createNamedQuery(AccessSession.FIND_OPEN_BY_USER, AccessSession.class)
                .setParameter("username", name).getResultList();
        // one that has run out by now never comes back; one in force now is dropped when it runs out
        List<Publication> publications = em.createNamedQuery(Publication.FIND_LIVE_BY_USER, Publication.class)
                .setParameter("username", name).setParameter("now", clock.instant()).getResultList();
        return TargetStates.inputs(name, profiles, choice(name), sessions, entries, pending, publications);
    }

    /** What {@code watcher} may be told of {@code target} now, as committed (see {@link #committedTarget}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Connectability.Result evaluate(String target, String watcher, Instant now) {
        return Connectability.evaluate(committedTarget(target, now), new Watcher(watcher), now);
    }

    /**
     * The contacts {@code watcher} follows in any of their profiles, each once, in the order they were
     * first added, with what the watcher may be told about each.
     */
    public List<FollowedState> followedBy(String watcher, Instant now) {
        List<String> contacts = profiles(watcher).stream()
                .flatMap(p -> em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class)
                        .setParameter("profile", p).getResultStream())
                .filter(e -> e.getKind() == ListKind.FOLLOWED)
                .map(ContactListEntry::getContactKey)
                .distinct().toList();
        return contacts.stream().map(c -> new FollowedState(c, evaluate(c, watcher, now).disclosed())).toList();
    }

    /** The next instant at which the user's active profile or modes change by themselves, if any. */
    public Optional<Instant> nextBoundary(String username, Instant now) {
        Optional<ModeSchedule> schedule = TargetStates.schedule(profiles(username));
        return schedule.flatMap(s -> s.nextBoundary(TargetStates.choice(choice(username)), now));
    }
}

package dev.liaison.presence.boundary;

import dev.liaison.platform.DomainEvents;
import dev.liaison.presence.control.BoundaryTimers;
import dev.liaison.presence.control.Connectability;
import dev.liaison.presence.control.PresenceCache;
import dev.liaison.presence.control.PresenceReader;
import dev.liaison.presence.control.TargetState;
import dev.liaison.presence.control.Watcher;
import dev.liaison.presence.entity.WatchedState;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.TransferTarget;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What happens when a user's state may have changed (a terminal connected or disconnected, a mode
 * chosen, a rule or a list edited, a rule boundary reached): the connectability of the user is
 * recomputed for every watcher concerned (those who follow the user, the user's authorised
 * contacts, and those with a live subscription to the user, {@link LiveWatchers}), and each watcher for whom it differs from what they were last told gets an event-log
 * entry "old → new" with the cause and, after the commit, a push.
 *
 * <p>Rule boundaries: for every user whose schedule has one ahead, a persistent timer fires at the
 * next boundary, recomputes with the cause "rule boundary" and arms the following one.
 */
@Stateless
@PermitAll
public class PresenceChanges {

    /** The event-log type of a change of what a watcher is told. */
    public static final String LOGGED_TYPE = ContactStateChanged.LOGGED_TYPE;
    public static final String RULE_BOUNDARY = "rule boundary";
    public static final String SUBSCRIBED = "subscribed";

    private static final Logger LOG = Logger.getLogger(PresenceChanges.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    PresenceReader reader;

    @Inject
    PresenceCache cache;

    @Inject
    BoundaryTimers boundaryTimers;

    @Inject
    DomainEvents events;

    @EJB
    LiveWatchers liveWatchers;


    @Resource
    TimerService timers;

    Clock clock = Clock.systemUTC();

    /**
     * The state of {@code username} may have changed because of {@code cause} (e.g. "terminal
     * connected"): recompute, log and push it for each watcher concerned, and re-arm the user's
     * rule-boundary timer. Call it in the transaction that made the change.
     */
    public void changed(String username, String cause) {
        // bulk statements (a publication deleted, say) pass no entity by Hibernate's listeners
        cache.dropOnCompletion(username);
        Instant now = clock.instant();
        TargetState target = reader.target(username, now);
        // watcher -> whether they follow the user
        Map<String, Boolean> watchers = new LinkedHashMap<>();
        em.createNamedQuery(ContactListEntry.FIND_BY_CONTACT_AND_KIND, ContactListEntry.class)
                .setParameter("contactKey", username).setParameter("kind", ListKind.FOLLOWED)
                .getResultStream().forEach(e -> watchers.put(e.getProfile().getOwner().getUsername(), true));
        for (Profile profile : reader.profiles(username)) {
            em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class).setParameter("profile", profile)
                    .getResultStream()
                    .filter(e -> e.getKind() == ListKind.AUTHORISED && e.getContactUser().isPresent())
                    .forEach(e -> watchers.putIfAbsent(e.getContactKey(), false));
        }
        liveWatchers.of(username).forEach(w -> watchers.putIfAbsent(w, false));
        watchers.remove(username);
        // what each was last told, read at once: a query per watcher would flush the changes
        // already made in this transaction every time, which grows with the square of the watchers
        Map<String, WatchedState> told = new HashMap<>();
        if (!watchers.isEmpty()) {
            em.createNamedQuery(WatchedState.FIND_BY_TARGET, WatchedState.class).setParameter("target", target.user())
                    .getResultStream().forEach(w -> told.put(w.getWatcher(), w));
        }
        watchers.forEach((watcher, followed) -> recompute(target, watcher, followed, cause, now, told.get(watcher)));
        if (target.registered()) {
            arm(username, now);
            // a list edited or a request answered changes who is pending or active
            events.publish(new WatchersChanged(target.user(), now));
        }
    }

    /** {@code watcher} started following {@code target} (or their access changed): recompute that pair only. */
    public void watcherChanged(String target, String watcher, String cause) {
        cache.dropOnCompletion(target);
        Instant now = clock.instant();
        boolean followed = em.createNamedQuery(ContactListEntry.FIND_BY_CONTACT_AND_KIND, ContactListEntry.class)
                .setParameter("contactKey", target).setParameter("kind", ListKind.FOLLOWED)
                .getResultStream().anyMatch(e -> e.getProfile().getOwner().getUsername().equals(watcher));
        TargetState state = reader.target(target, now);
        WatchedState last = em.createNamedQuery(WatchedState.FIND, WatchedState.class)
                .setParameter("target", state.user()).setParameter("watcher", watcher)
                .getResultStream().findFirst().orElse(null);
        recompute(state, watcher, followed, cause, now, last);
        if (state.registered()) {
            events.publish(new WatchersChanged(state.user(), now));
        }
    }

    /** {@code last} is what {@code watcher} was last told of the target, null if nothing yet. */
    private void recompute(TargetState target, String watcher, boolean followed, String cause, Instant now,
                           WatchedState last) {
        Connectability.Result result = Connectability.evaluate(target, new Watcher(watcher), now);
        DisclosedState disclosed = DisclosedState.of(result.disclosed());
        ConnectabilityState state = disclosed.state();
        String transfer = disclosed.transfer().map(TransferTarget::toString).orElse(null);
        String reason = result.reason().name();
        ConnectabilityState before = last == null ? null : last.getState();
        boolean transferChanged = last != null && !Objects.equals(last.getTransfer(), transfer);
        if (last == null) {
            em.persist(new WatchedState(target.user(), watcher, state, reason, transfer, now));
        } else if (last.getState() != state || !last.getReason().equals(reason) || transferChanged) {
            last.change(state, reason, transfer, now);
        } else {
            return;
        }
        LOG.fine(() -> "connectability of " + target.user() + " for " + watcher + ": " + before + " -> " + state
                + " (" + reason + ", " + cause + ")");
        // a trusted watcher is told a new transfer target even when the state stays IN_TRANSFER
        boolean visible = before != state || transferChanged;
        events.publish(new ContactStateChanged(watcher, target.user(), disclosed, now, followed, before, reason, cause,
                visible));
    }

    /**
     * Replaces the user's rule-boundary timer by one at the next boundary, if there is one. The old
     * timer is found through {@link BoundaryTimers}, not among every user's timers.
     */
    private void arm(String username, Instant now) {
        boundaryTimers.indexOnce(timers::getTimers);
        boundaryTimers.cancel(username);
        Optional<Instant> next = reader.nextBoundary(username, now);
        next.ifPresent(at -> boundaryTimers.armed(username,
                timers.createSingleActionTimer(Date.from(at), new TimerConfig(username, true))));
    }

    @Timeout
    void boundaryReached(Timer timer) {
        if (timer.getInfo() instanceof String username) {
            boundaryTimers.fired(username, timer);
            changed(username, RULE_BOUNDARY);
        }
    }
}

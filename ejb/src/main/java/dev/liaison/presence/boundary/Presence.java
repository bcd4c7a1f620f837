package dev.liaison.presence.boundary;

import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.Roles;
import dev.liaison.presence.control.PresenceReader;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/**
 * Connectability as the caller may see it. A user who does not exist, is disabled or denies the
 * caller is answered the same way (UNKNOWN, no reason), so the answer never tells who exists.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class Presence {

    @EJB
    PresenceReader reader;

    @EJB
    PresenceChanges changes;

    @EJB
    LiveWatchers liveWatchers;

    @Resource
    SessionContext context;

    @Inject
    DomainEvents events;

    Clock clock = Clock.systemUTC();

    /** The connectability of {@code target} for the caller, now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ConnectabilityView connectability(String target) {
        String name = target == null ? "" : target.strip();
        return ConnectabilityView.of(name, reader.evaluate(name, caller(), clock.instant()).disclosed());
    }

    /**
     * The state of {@code target} as {@code watcher} may see it, now: for a protocol edge (SIP) that
     * authenticated the watcher itself: the state, and the transfer target if the watcher is trusted
     * with it; never the reason.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DisclosedState stateFor(String target, String watcher) {
        return DisclosedState.of(reader.evaluate(target.strip(), watcher, clock.instant()).disclosed());
    }

    /**
     * {@code watcher} (authenticated by a protocol edge) subscribes to {@code target}: from now on
     * every change of what they may see is published for them (see {@link LiveWatchers}). What they
     * were last told is brought up to date first, so that the next change is measured against the
     * state returned here. A target who is not a user stores nothing.
     */
    @PermitAll
    public DisclosedState watch(String target, String watcher) {
        String name = target.strip();
        liveWatchers.watch(name, watcher);
        if (reader.user(name).isPresent()) {
            changes.watcherChanged(name, watcher, PresenceChanges.SUBSCRIBED);
        }
        return stateFor(name, watcher);
    }

    /** A subscription of {@code watcher} to {@code target} ended. */
    @PermitAll
    public void unwatch(String target, String watcher) {
        String name = target.strip();
        liveWatchers.unwatch(name, watcher);
        if (!liveWatchers.of(name).contains(watcher)) {
            events.publish(new WatchersChanged(name, clock.instant()));
        }
    }

    /** The contacts the caller follows (in any of their profiles), each with their state for the caller. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ConnectabilityView> contacts() {
        return contactsOf(caller());
    }

    List<ConnectabilityView> contactsOf(String watcher) {
        return reader.followedBy(watcher, clock.instant()).stream()
                .map(f -> ConnectabilityView.of(f.contact(), f.disclosure())).toList();
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }
}

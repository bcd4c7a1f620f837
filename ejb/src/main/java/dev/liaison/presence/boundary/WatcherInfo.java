package dev.liaison.presence.boundary;

import dev.liaison.presence.boundary.WatcherView.Status;
import dev.liaison.presence.control.Connectability;
import dev.liaison.presence.control.PresenceReader;
import dev.liaison.presence.control.TargetState;
import dev.liaison.presence.control.Watcher;
import dev.liaison.presence.control.WatcherList;
import dev.liaison.presence.entity.AuthorisationRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who watches a user, for the user themself (the SIP {@code presence.winfo} package, RFC 3857):
 * the watchers whose authorisation request awaits the user's answer, and the watchers holding a
 * live subscription on this node ({@link LiveWatchers}), each pending or active as the user's
 * contact lists decide. Watchers the user denies, and strangers the user never heard from, are
 * not listed. A protocol edge calls it for a user it authenticated as that user.
 */
@Stateless
@PermitAll
public class WatcherInfo {

    /** The reasons that say a watcher has not been let in (yet). */
    private static final Set<Connectability.Reason> AWAITING = EnumSet.of(Connectability.Reason.AUTHORISATION_REQUIRED,
            Connectability.Reason.AUTHORISATION_PENDING);
    private static final Set<Connectability.Reason> SHUT_OUT = EnumSet.of(Connectability.Reason.DENIED,
            Connectability.Reason.NOT_AUTHORISED, Connectability.Reason.NOT_REGISTERED);

    @PersistenceContext
    EntityManager em;

    @EJB
    PresenceReader reader;

    @EJB
    LiveWatchers liveWatchers;

    Clock clock = Clock.systemUTC();

    /**
     * The watchers of {@code user} now, following {@code before} (the list last sent to the same
     * subscription) as {@link WatcherList#next} says: pending requests oldest first, then the live
     * subscribers by name, then, once, those who left.
     */
    public List<WatcherView> watchersOf(String user, List<WatcherView> before) {
        Instant now = clock.instant();
        TargetState target = reader.target(user, now);
        if (!target.registered()) {
            return List.of();
        }
        Map<String, Status> current = new LinkedHashMap<>();
        em.createNamedQuery(AuthorisationRequest.FIND_BY_TARGET_AND_STATE, AuthorisationRequest.class)
                .setParameter("username", target.user()).setParameter("state", AuthorisationRequest.State.PENDING)
                .getResultStream().forEach(r -> current.putIfAbsent(r.getWatcherKey(), Status.PENDING));
        liveWatchers.of(target.user()).stream().filter(w -> !w.equals(target.user())).sorted().forEach(watcher -> {
            Connectability.Reason reason = Connectability.evaluate(target, new Watcher(watcher), now).reason();
            if (AWAITING.contains(reason)) {
                current.putIfAbsent(watcher, Status.PENDING);
            } else if (!SHUT_OUT.contains(reason)) {
                current.put(watcher, Status.ACTIVE);
            }
        });
        return WatcherList.next(before, current, watcher -> {
            Connectability.Reason reason = Connectability.evaluate(target, new Watcher(watcher), now).reason();
            if (reason == Connectability.Reason.DENIED) {
                return WatcherList.Departure.DENIED;
            }
            return AWAITING.contains(reason) || SHUT_OUT.contains(reason) ? WatcherList.Departure.OTHER
                    : WatcherList.Departure.AUTHORISED;
        });
    }
}

package dev.liaison.presence.boundary;

import dev.liaison.directory.entity.Terminal;
import dev.liaison.directory.entity.User;
import dev.liaison.presence.control.PresenceCache;
import dev.liaison.presence.control.RegistrationRefresh;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SIP registrar's store (RFC 3261 §10.3): a binding is a SIP terminal of the user with a live
 * access session that expires unless refreshed. The SIP edge authenticates the request before it
 * gets here; this service trusts the username it is given.
 *
 * <p>One contact URI is one terminal: registering it again refreshes its session, or, when it now
 * activates another profile, ends the session and opens a new one (an ended session never comes
 * back). Contact URIs are compared as the client wrote them.
 */
@Stateless
@PermitAll
public class Registrar {

    @EJB
    PresenceChanges presenceChanges;

    @Inject
    PresenceCache presenceCache;

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** The stored digest values of an enabled user, or empty, without saying which of the two it was. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SipCredentials> credentials(String username) {
        return user(username).filter(User::isEnabled)
                .filter(u -> u.getSipRealm() != null)
                .map(u -> new SipCredentials(u.getUsername(), u.getSipRealm(), u.getSipDigestMd5(), u.getSipDigestSha256()));
    }

    /** The current bindings, for a REGISTER without Contact (a query). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Binding> bindings(String username) {
        Instant now = clock.instant();
        return userId(username).map(id -> toBindings(openSipSessions(id), now)).orElse(List.of());
    }

    /**
     * The current bindings of each of {@code usernames} that has any, in one query (the users a
     * batch of MESSAGEs is for); a user without a binding, or unknown, is not in the map.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Map<String, List<Binding>> bindingsOf(java.util.Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return java.util.Map.of();
        }
        Instant now = clock.instant();
        java.util.Map<String, List<AccessSession>> open = new java.util.HashMap<>();
        em.createQuery("SELECT s FROM AccessSession s JOIN FETCH s.user LEFT JOIN FETCH s.terminal LEFT JOIN FETCH s.profile"
                        + " WHERE s.user.username IN :names AND s.endedAt IS NULL AND s.origin = :origin ORDER BY s.id", AccessSession.class)
                .setParameter("names", new java.util.HashSet<>(usernames)).setParameter("origin", AccessSession.Origin.SIP)
                .getResultList().forEach(s -> open.computeIfAbsent(s.getUser().getUsername(), k -> new java.util.ArrayList<>()).add(s));
        java.util.Map<String, List<Binding>> bindings = new java.util.HashMap<>();
        open.forEach((user, sessions) -> {
            List<Binding> live = toBindings(sessions, now);
            if (!live.isEmpty()) {
                bindings.put(user, live);
            }
        });
        return bindings;
    }

    /**
     * Applies a REGISTER and returns every binding of the user afterwards, or refuses it without
     * changing anything: a user who does not exist or is disabled, an unknown profile, or a
     * REGISTER older than the one that last wrote a binding it touches (RFC 3261 §10.3 steps 6
     * and 7: same Call-ID, CSeq not higher; a delayed or replayed request).
     *
     * <p>A refresh (same contacts, same profiles, only new expiries) is one locking read of the
     * user, one read of the sessions and one update per contact, in plain SQL
     * ({@link RegistrationRefresh}), and is not a presence change: what watchers see depends on
     * which terminals are connected, not on when their registrations expire. Only the user's kept
     * presence inputs are dropped, since they hold the expiries.
     */
    public RegistrationResult register(Registration registration) {
        Instant now = clock.instant();
        // the user's row stays locked until commit: the REGISTERs of one user are applied one
        // after the other, each atomically (RFC 3261 §10.3), on every node and database
        Attempt attempt = em.unwrap(Session.class).doReturningWork(connection -> {
            var userId = RegistrationRefresh.lockEnabledUser(connection, registration.username());
            if (userId.isEmpty()) {
                return new Attempt(0, RegistrationResult.refused(RegistrationResult.FORBIDDEN));
            }
            var decision = RegistrationRefresh.decide(registration,
                    RegistrationRefresh.openSipSessions(connection, userId.getAsLong()), now);
            if (decision instanceof RegistrationRefresh.OutOfOrder) {
                return new Attempt(userId.getAsLong(), RegistrationResult.refused(RegistrationResult.OUT_OF_ORDER));
            }
            if (decision instanceof RegistrationRefresh.Refresh refresh) {
                presenceCache.dropOnCompletion(registration.username());
                if (RegistrationRefresh.apply(connection, refresh, registration.callId(), registration.cseq())) {
                    return new Attempt(userId.getAsLong(), RegistrationResult.accepted(refresh.bindings()));
                }
            }
            // not a plain refresh, or a session ended meanwhile: the entities decide
            return new Attempt(userId.getAsLong(), null);
        });
        return attempt.result() != null ? attempt.result() : apply(registration, attempt.userId(), now);
    }

    /** The locked user's id, and the answer if the plain SQL path gave one. */
    private record Attempt(long userId, RegistrationResult result) {
    }

    /**
     * The general case: sessions opened, ended or moved to another profile, and the watchers told.
     * The user's row is already locked ({@link #register}).
     */
    private RegistrationResult apply(Registration registration, long userId, Instant now) {
        String username = registration.username();
        Map<String, Profile> profiles = new HashMap<>();
        for (ContactBinding contact : registration.contacts()) {
            if (contact.profile() != null && contact.expiresSeconds() > 0 && !profiles.containsKey(contact.profile())) {
                Optional<Profile> profile = em.createNamedQuery(Profile.FIND_BY_OWNER_AND_NAME, Profile.class)
                        .setParameter("username", username).setParameter("name", contact.profile())
                        .getResultStream().findFirst();
                if (profile.isEmpty()) {
                    return RegistrationResult.refused("Unknown profile " + contact.profile());
                }
                profiles.put(contact.profile(), profile.get());
            }
        }
        List<AccessSession> open = openSipSessions(userId);
        for (AccessSession session : open) {
            boolean touched = registration.removeAll()
                    || registration.contacts().stream().anyMatch(c -> c.uri().equals(address(session)));
            if (touched && session.isLiveAt(now) && session.isWrittenAfter(registration.callId(), registration.cseq())) {
                return RegistrationResult.refused(RegistrationResult.OUT_OF_ORDER);
            }
        }
        List<AccessSession> live = new ArrayList<>();
        boolean changed = false;
        for (AccessSession session : open) {
            if (registration.removeAll() || !session.isLiveAt(now)) {
                session.end(now);
                changed = true;
            } else {
                live.add(session);
            }
        }
        List<Terminal> terminals = null;
        for (ContactBinding contact : registration.contacts()) {
            AccessSession current = live.stream().filter(s -> contact.uri().equals(address(s))).findFirst().orElse(null);
            Profile profile = contact.profile() == null ? null : profiles.get(contact.profile());
            if (contact.expiresSeconds() == 0) {
                if (current != null) {
                    current.end(now);
                    live.remove(current);
                    changed = true;
                }
                continue;
            }
            Instant expiry = now.plus(Duration.ofSeconds(contact.expiresSeconds()));
            if (current != null && current.getProfile().orElse(null) == profile) {
                current.refresh(now, expiry);
                current.writtenBy(registration.callId(), registration.cseq());
                continue;
            }
            if (current != null) {
                current.end(now);
                live.remove(current);
            }
            if (terminals == null) {
                terminals = em.createNamedQuery(Terminal.FIND_BY_OWNER, Terminal.class)
                        .setParameter("username", username).getResultList();
            }
            Terminal terminal = terminals.stream().filter(t -> t.getAddress().equals(contact.uri())).findFirst()
                    .orElse(null);
            if (terminal == null) {
                User user = user(username).orElseThrow();
                terminal = new Terminal(user, Terminal.Kind.SIP, contact.uri(), null, now);
                em.persist(terminal);
                terminals.add(terminal);
            }
            AccessSession session = AccessSession.onTerminal(terminal, profile, AccessSession.Origin.SIP, now, expiry);
            session.writtenBy(registration.callId(), registration.cseq());
            em.persist(session);
            live.add(session);
            changed = true;
        }
        if (changed) {
            // a refresh changes nothing a watcher sees; only connections and disconnections are recomputed
            em.flush();
            presenceChanges.changed(username, "SIP registration");
        }
        return RegistrationResult.accepted(toBindings(live, now));
    }

    /**
     * Applies several REGISTERs in one transaction, so that a burst of registrations costs one
     * commit instead of one each, and returns their results in the order given. The users' rows
     * are locked in the order of their names, so two batches that share users wait for each
     * other instead of deadlocking; the REGISTERs of one user keep their order. Each REGISTER's
     * writes are flushed before the next one starts, which leaves the next one a persistence
     * context with nothing in it.
     */
    public List<RegistrationResult> registerAll(List<Registration> registrations) {
        Integer[] order = new Integer[registrations.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> registrations.get(i).username()));
        RegistrationResult[] results = new RegistrationResult[order.length];
        for (int i : order) {
            results[i] = register(registrations.get(i));
            // each query of the next REGISTER would otherwise check every entity the batch has loaded
            // so far for changes before it runs, a cost that grows with the square of the batch
            em.flush();
            em.clear();
        }
        return List.of(results);
    }

    /** Ends the sessions of registrations and logins that ran out without being refreshed. */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void endExpired() {
        Instant now = clock.instant();
        java.util.Set<String> users = new java.util.LinkedHashSet<>();
        em.createNamedQuery(AccessSession.FIND_EXPIRED, AccessSession.class).setParameter("now", now)
                .setMaxResults(1000).getResultList().forEach(s -> {
                    s.end(now);
                    users.add(s.getUser().getUsername());
                });
        users.forEach(username -> presenceChanges.changed(username, "registration expired"));
    }

    private List<AccessSession> openSipSessions(long userId) {
        return em.createNamedQuery(AccessSession.FIND_OPEN_OF_USER_ID, AccessSession.class)
                .setParameter("userId", userId).setParameter("origin", AccessSession.Origin.SIP).getResultList();
    }

    private Optional<Long> userId(String username) {
        return em.createQuery("SELECT u.id FROM User u WHERE u.username = :username", Long.class)
                .setParameter("username", username).getResultStream().findFirst();
    }

    private static List<Binding> toBindings(List<AccessSession> sessions, Instant now) {
        return sessions.stream().filter(s -> s.isLiveAt(now))
                .map(s -> new Binding(address(s),
                        Math.max(1, Duration.between(now, s.getExpiresAt().orElse(now)).toSeconds()),
                        s.getProfile().map(Profile::getName).orElse(null), s.getId()))
                .toList();
    }

    private static String address(AccessSession session) {
        return session.getTerminal().map(Terminal::getAddress).orElseGet(() -> session.getContactUri().orElse(null));
    }

    private Optional<User> user(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }
}

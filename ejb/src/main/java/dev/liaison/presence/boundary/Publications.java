package dev.liaison.presence.boundary;

import dev.liaison.directory.entity.Terminal;
import dev.liaison.directory.entity.User;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.presence.entity.Publication;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The event state compositor of the presence package (RFC 3903): stores what a user's SIP clients
 * publish, each publication under an entity-tag that changes with every refresh or modification,
 * and recomputes the user's connectability for every watcher whenever what they may see changes.
 * The SIP edge authenticates the request and reads the document before it gets here; this service
 * trusts the username it is given.
 *
 * <p>A publication applies to the profile that the publisher's registration (the same contact URI)
 * activated, or follows the active profile when there is no such registration or it activated
 * none. Publications that are not refreshed in time are deleted by a sweep every second, and the
 * watchers are told (cause {@value #EXPIRED}).
 */
@Stateless
@PermitAll
public class Publications {

    public static final String PUBLISHED = "published";
    public static final String REMOVED = "publication removed";
    public static final String EXPIRED = "publication expired";

    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    PresenceChanges presenceChanges;

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Applies a PUBLISH; see {@link PublishRequest} for its four kinds. */
    public PublishResult publish(PublishRequest request) {
        Instant now = clock.instant();
        // a no-op update locks the user's row until commit: the PUBLISHes of one user apply one at a time
        int enabled = em.createQuery("UPDATE User u SET u.enabled = u.enabled WHERE u.username = :username AND u.enabled = TRUE")
                .setParameter("username", request.username()).executeUpdate();
        Optional<User> found = enabled == 0 ? Optional.empty()
                : em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", request.username())
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            return PublishResult.refused(PublishResult.Outcome.FORBIDDEN);
        }
        User user = found.get();
        String etag = newEtag();
        Instant expiry = now.plus(Duration.ofSeconds(request.expiresSeconds()));
        if (request.ifMatch() == null) {
            if (request.expiresSeconds() == 0) {
                // nothing to replace and nothing to keep: the answer only says so
                return PublishResult.published(etag, 0);
            }
            em.persist(new Publication(user, etag, profileOf(user.getUsername(), request.contact(), now), request.state(),
                    request.activity(), request.contact(), now, expiry));
            em.flush();
            presenceChanges.changed(user.getUsername(), PUBLISHED);
            return PublishResult.published(etag, request.expiresSeconds());
        }
        Publication current = em.createNamedQuery(Publication.FIND_BY_USER_AND_ETAG, Publication.class)
                .setParameter("username", user.getUsername()).setParameter("etag", request.ifMatch())
                .getResultStream().filter(p -> p.isLiveAt(now)).findFirst().orElse(null);
        if (current == null) {
            return PublishResult.refused(PublishResult.Outcome.NO_MATCH);
        }
        if (request.expiresSeconds() == 0) {
            // a bulk delete: the sweep may have deleted it since it was read, which is the same end
            em.createQuery("DELETE FROM Publication p WHERE p.id = :id").setParameter("id", current.getId()).executeUpdate();
            presenceChanges.changed(user.getUsername(), REMOVED);
            return PublishResult.published(request.ifMatch(), 0);
        }
        if (request.state() == null) {
            // a refresh changes nothing a watcher sees
            current.refresh(etag, now, expiry);
            return PublishResult.published(etag, request.expiresSeconds());
        }
        current.modify(etag, request.state(), request.activity(), now, expiry);
        em.flush();
        presenceChanges.changed(user.getUsername(), PUBLISHED);
        return PublishResult.published(etag, request.expiresSeconds());
    }

    /**
     * Deletes the publications that ran out without a refresh and tells the watchers of their users.
     * In a cluster every node sweeps; a publication is deleted once and its users recomputed at
     * worst twice, which tells nobody anything twice.
     */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    public void endExpired() {
        Instant now = clock.instant();
        List<Publication> expired = em.createNamedQuery(Publication.FIND_EXPIRED, Publication.class)
                .setParameter("now", now).setMaxResults(1000).getResultList();
        if (expired.isEmpty()) {
            return;
        }
        Set<String> users = new LinkedHashSet<>();
        expired.forEach(p -> users.add(p.getUser().getUsername()));
        // a bulk delete, so that a row another node swept first is no error
        em.createQuery("DELETE FROM Publication p WHERE p.id IN :ids AND p.expiresAt <= :now")
                .setParameter("ids", expired.stream().map(Publication::getId).toList()).setParameter("now", now)
                .executeUpdate();
        users.forEach(username -> presenceChanges.changed(username, EXPIRED));
    }

    /** The profile the registration of {@code contact} activated; null to follow the active profile. */
    private String profileOf(String username, String contact, Instant now) {
        if (contact == null) {
            return null;
        }
        return em.createNamedQuery(AccessSession.FIND_OPEN_WITH_TERMINALS, AccessSession.class)
                .setParameter("username", username).getResultStream()
                .filter(s -> s.getOrigin() == AccessSession.Origin.SIP && s.isLiveAt(now))
                .filter(s -> contact.equals(s.getTerminal().map(Terminal::getAddress).orElseGet(() -> s.getContactUri().orElse(null))))
                .findFirst()
                .flatMap(AccessSession::getProfile).map(Profile::getName).orElse(null);
    }

    private static String newEtag() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

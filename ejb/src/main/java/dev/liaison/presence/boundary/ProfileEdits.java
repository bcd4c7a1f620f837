package dev.liaison.presence.boundary;

import dev.liaison.platform.ConflictException;
import dev.liaison.presence.entity.AuthorisationRequest;
import dev.liaison.profile.boundary.ContactAccessChanged;
import dev.liaison.profile.boundary.ProfileChanged;
import dev.liaison.profile.boundary.ProfileRemoval;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * What presence does when a user edits their profiles: the profile feature announces each edit
 * in its own transaction and knows nothing of presence; here the connectability of the user is
 * recomputed for their watchers, and what presence keeps about a profile that goes (its
 * authorisation requests) goes with it.
 */
@Stateless
@PermitAll
public class ProfileEdits {

    @PersistenceContext
    EntityManager em;

    @EJB
    PresenceChanges changes;

    public void profileChanged(@Observes ProfileChanged edit) {
        changes.changed(edit.user(), edit.cause());
    }

    public void accessChanged(@Observes ContactAccessChanged edit) {
        changes.watcherChanged(edit.user(), edit.watcher(), edit.cause());
    }

    /** A profile terminals have connected with stays, as the record of those sessions. */
    public void profileRemoved(@Observes ProfileRemoval removal) {
        long sessions = em.createQuery("SELECT COUNT(s) FROM AccessSession s WHERE s.profile.id = :profile", Long.class)
                .setParameter("profile", removal.profileId()).getSingleResult();
        if (sessions > 0) {
            throw new ConflictException("id", "Terminals have connected with profile " + removal.name()
                    + "; it is kept as the record of those sessions");
        }
        em.createQuery("SELECT r FROM AuthorisationRequest r WHERE r.profile.id = :profile", AuthorisationRequest.class)
                .setParameter("profile", removal.profileId()).getResultList().forEach(em::remove);
    }
}

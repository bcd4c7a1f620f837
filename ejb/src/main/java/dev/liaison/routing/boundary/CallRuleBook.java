package dev.liaison.routing.boundary;

import dev.liaison.platform.ActingFor;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Roles;
import dev.liaison.platform.Violation;
import dev.liaison.profile.boundary.ProfileRemoval;
import dev.liaison.profile.boundary.Profiles;
import dev.liaison.routing.control.CplDocument;
import dev.liaison.routing.entity.CallRules;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The call rules of the caller's profiles, as CPL documents ({@code application/cpl+xml}): put
 * (checked, then stored as written), read back, removed. A profile of another user answers like
 * one that does not exist; an administrator may manage another user's as that user
 * ({@link ActingFor}), and each such change is logged. The rules go with their profile.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class CallRuleBook {

    /** The media type of a CPL document (RFC 3880). */
    public static final String MEDIA_TYPE = CplDocument.MEDIA_TYPE;

    @PersistenceContext
    EntityManager em;

    @EJB
    Profiles profiles;

    @Resource
    SessionContext context;

    @Inject
    ActingFor acting;

    Clock clock = Clock.systemUTC();

    /**
     * Stores {@code document} as the rules of profile {@code profileId}; true when the profile had none.
     *
     * @throws InvalidInputException (field "cpl") saying at which line and column, and what is wrong
     * @throws NotFoundException     when the profile is not one of the owner's
     */
    public boolean put(long profileId, String document) {
        profiles.find(profileId);
        try {
            CplDocument.read(document);
        } catch (CplDocument.Refused e) {
            throw new InvalidInputException("The call rules are not valid CPL: " + e.getMessage(),
                    List.of(new Violation("cpl", e.getMessage())));
        }
        CallRules rules = em.find(CallRules.class, profileId);
        boolean created = rules == null;
        if (created) {
            em.persist(new CallRules(profileId, acting.owner(context), document, clock.instant()));
        } else {
            rules.replace(document, clock.instant());
        }
        acting.changed(context, "call rules " + (created ? "created" : "replaced"));
        return created;
    }

    /** The document stored for the profile, as it was put. @throws NotFoundException when there is none */
    public String export(long profileId) {
        profiles.find(profileId);
        return Optional.ofNullable(em.find(CallRules.class, profileId)).map(CallRules::getDocument)
                .orElseThrow(() -> new NotFoundException("Profile " + profileId + " has no call rules"));
    }

    /** Removes the profile's rules: its calls are decided by connectability alone. */
    public void remove(long profileId) {
        profiles.find(profileId);
        CallRules rules = em.find(CallRules.class, profileId);
        if (rules == null) {
            throw new NotFoundException("Profile " + profileId + " has no call rules");
        }
        em.remove(rules);
        acting.changed(context, "call rules removed");
    }

    /** A profile is being deleted: its rules go in the same transaction. */
    public void profileRemoved(@Observes ProfileRemoval removal) {
        em.createNamedQuery(CallRules.DELETE_BY_PROFILE).setParameter("profileId", removal.profileId()).executeUpdate();
    }
}

package dev.liaison.events.boundary;

import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.Roles;
import dev.liaison.events.entity.EventLogEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.List;

/** The append-only audit trail of what Liaison did and why. */
@Stateless
public class EventLog {

    private static final int MAX_RESULTS = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    DomainEvents events;

    /**
     * Records an event known only by its type, subject and JSON detail. It takes the one path of
     * domain events ({@link DomainEvents}): logged and published in the caller's transaction.
     */
    @PermitAll
    public void record(String type, String subject, Instant occurredAt, String detail) {
        events.publish(new LoggedEvent(type, subject, occurredAt, detail));
    }

    @RolesAllowed(Roles.ADMIN)
    public List<EventView> find(String subject, String type, int max) {
        int limit = Math.max(1, Math.min(max, MAX_RESULTS));
        TypedQuery<EventLogEntry> query;
        if (subject == null && type == null) {
            query = em.createNamedQuery(EventLogEntry.FIND_RECENT, EventLogEntry.class);
        } else if (subject == null) {
            query = em.createNamedQuery(EventLogEntry.FIND_BY_TYPE, EventLogEntry.class).setParameter("type", type);
        } else if (type == null) {
            query = em.createNamedQuery(EventLogEntry.FIND_BY_SUBJECT, EventLogEntry.class)
                    .setParameter("subject", subject);
        } else {
            query = em.createNamedQuery(EventLogEntry.FIND_BY_SUBJECT_AND_TYPE, EventLogEntry.class)
                    .setParameter("subject", subject).setParameter("type", type);
        }
        return query.setMaxResults(limit).getResultStream().map(EventView::of).toList();
    }
}

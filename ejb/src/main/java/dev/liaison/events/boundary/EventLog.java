package dev.liaison.events.boundary;

import dev.liaison.platform.Roles;
import dev.liaison.events.entity.EventLogEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The append-only audit trail of what Liaison did and why. */
@Stateless
public class EventLog {

    private static final int MAX_RESULTS = 500;

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @PermitAll
    public EventLogEntry record(String type, String subject, Instant occurredAt, String detail) {
        EventLogEntry entry = new EventLogEntry(type, subject, occurredAt == null ? clock.instant() : occurredAt,
                clock.instant(), detail);
        em.persist(entry);
        return entry;
    }

    @RolesAllowed(Roles.ADMIN)
    public List<EventLogEntry> find(String subject, String type, int max) {
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
        return query.setMaxResults(limit).getResultList();
    }
}

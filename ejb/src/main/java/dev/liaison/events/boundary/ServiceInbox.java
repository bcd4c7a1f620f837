package dev.liaison.events.boundary;

import dev.liaison.events.control.CloudEvents;
import dev.liaison.events.control.Cursors;
import dev.liaison.events.control.ServiceFinder;
import dev.liaison.events.control.ServiceRules;
import dev.liaison.events.entity.DeliveryCursor;
import dev.liaison.events.entity.RegisteredService;
import dev.liaison.events.entity.ServiceNotification;
import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Roles;
import dev.liaison.platform.Violation;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What a service sends and reads over the bus: it emits events of the types it declared, pulls
 * the notifications waiting for it from a cursor, and acknowledges them up to a sequence number.
 * Pull and push share the notifications' ids and the acknowledgement: what is acknowledged either
 * way is neither pushed nor pulled again, and reading without acknowledging loses nothing.
 */
@Stateless
public class ServiceInbox {

    /** The data of an emitted event, as JSON text; the event log keeps it with a little more in 32,000. */
    static final int MAX_DATA = 30_000;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    ServiceFinder services;

    @Inject
    DomainEvents events;

    Clock clock = Clock.systemUTC();

    /**
     * Emits an event: committed with a notification for every service subscribed to its type.
     *
     * @param data the event's data as JSON text (any JSON value), or null
     */
    @RolesAllowed(Roles.SERVICE)
    public EmittedEvent emit(String name, String type, String subject, String data) {
        if (!context.getCallerPrincipal().getName().equals(RegisteredService.accountOf(name))) {
            throw new EJBAccessException("Only the service itself emits its events");
        }
        RegisteredService service = services.existing(name);
        String t = ServiceRules.eventType(type);
        if (!service.isConnected()) {
            throw new InvalidInputException("The service '" + name + "' is not connected; connect, declaring '" + t
                    + "' among the types it emits, before emitting", List.of(new Violation("type", "the service is not connected")));
        }
        if (!service.getEmits().contains(t)) {
            throw new InvalidInputException("The service '" + name + "' did not declare that it emits '" + t + "' (it declared "
                    + service.getEmits() + ")", List.of(new Violation("type", "is not among the types the service emits")));
        }
        if (subject != null && subject.length() > 254) {
            throw new InvalidInputException("subject is longer than 254 characters", List.of(new Violation("subject", "at most 254 characters")));
        }
        if (data != null && data.length() > MAX_DATA) {
            throw new InvalidInputException("data is larger than " + MAX_DATA + " characters of JSON",
                    List.of(new Violation("data", "at most " + MAX_DATA + " characters")));
        }
        Instant now = clock.instant();
        events.publish(new ServiceEvent(t, name, subject, data, now));
        return new EmittedEvent(t, subject, now);
    }

    /**
     * The notifications waiting for the service after {@code after} (and after what it
     * acknowledged), oldest first, at most {@code max}: a JSON object with {@code acknowledged},
     * {@code last} and the {@code notifications} as CloudEvents.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    public String pull(String name, Long after, Integer max) {
        RegisteredService service = services.actedOnBy(context.getCallerPrincipal(), context.isCallerInRole(Roles.ADMIN), name);
        DeliveryCursor cursor = em.find(DeliveryCursor.class, service.getId());
        if (after != null && after < 0) {
            throw new InvalidInputException("after must not be negative", List.of(new Violation("after", "must not be negative")));
        }
        List<ServiceNotification> page = em.createNamedQuery(ServiceNotification.AFTER, ServiceNotification.class)
                .setParameter("service", service.getId()).setParameter("after", Cursors.readAfter(after, cursor.getAckedSeq()))
                .setMaxResults(Cursors.pageSize(max)).getResultList();
        return CloudEvents.page(cursor.getAckedSeq(), cursor.getLastSeq(), page);
    }

    /** Acknowledges every notification up to {@code upTo}: none of them is pushed or pulled again. */
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    public void acknowledge(String name, Long upTo) {
        RegisteredService service = services.actedOnBy(context.getCallerPrincipal(), context.isCallerInRole(Roles.ADMIN), name);
        DeliveryCursor cursor = em.find(DeliveryCursor.class, service.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (Cursors.advances(upTo, cursor.getAckedSeq(), cursor.getLastSeq())) {
            em.createNamedQuery(DeliveryCursor.ACK).setParameter("service", service.getId()).setParameter("upTo", upTo)
                    .executeUpdate();
            em.createNamedQuery(ServiceNotification.DELIVERED).setParameter("service", service.getId())
                    .setParameter("upTo", upTo).setParameter("at", clock.instant()).executeUpdate();
        }
    }
}

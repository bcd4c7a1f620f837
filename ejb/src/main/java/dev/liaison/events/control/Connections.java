package dev.liaison.events.control;

import dev.liaison.events.boundary.TypeAvailability;
import dev.liaison.events.entity.DeliveryCursor;
import dev.liaison.events.entity.RegisteredService;
import dev.liaison.platform.DomainEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Connecting and disconnecting a service, and what that tells the others: a type whose last
 * connected emitter goes is announced {@value TypeAvailability#UNAVAILABLE} to its subscribers, a
 * type that gets an emitter again {@value TypeAvailability#AVAILABLE}. Runs in the caller's
 * transaction, so the announcements exist if and only if the change commits.
 */
@ApplicationScoped
public class Connections {

    @PersistenceContext
    EntityManager em;

    @Inject
    DomainEvents events;

    public void connect(RegisteredService service, String webhookUrl, Set<String> emits, Set<String> subscribes, Instant now) {
        Set<String> before = service.isConnected() ? new LinkedHashSet<>(service.getEmits()) : Set.of();
        for (String type : emits) {
            if (!before.contains(type) && otherEmitters(service, type) == 0) {
                events.publish(new TypeAvailability(TypeAvailability.AVAILABLE, type, now));
            }
        }
        for (String type : before) {
            if (!emits.contains(type) && otherEmitters(service, type) == 0) {
                events.publish(new TypeAvailability(TypeAvailability.UNAVAILABLE, type, now));
            }
        }
        service.connect(webhookUrl, emits, subscribes, now);
        // a service that comes back is pushed to at once, not when its last back-off ends
        em.createNamedQuery(DeliveryCursor.RESET_RETRIES).setParameter("service", service.getId()).executeUpdate();
    }

    public void disconnect(RegisteredService service, Instant now) {
        if (!service.isConnected()) {
            return;
        }
        for (String type : service.getEmits()) {
            if (otherEmitters(service, type) == 0) {
                events.publish(new TypeAvailability(TypeAvailability.UNAVAILABLE, type, now));
            }
        }
        service.disconnect();
    }

    private long otherEmitters(RegisteredService service, String type) {
        return em.createNamedQuery(RegisteredService.CONNECTED_EMITTERS_OF, Long.class).setParameter("type", type)
                .setParameter("id", service.getId()).setFlushMode(FlushModeType.COMMIT).getSingleResult();
    }
}

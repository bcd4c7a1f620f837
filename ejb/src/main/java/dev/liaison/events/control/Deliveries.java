package dev.liaison.events.control;

import dev.liaison.events.entity.DeliveryCursor;
import dev.liaison.events.entity.RegisteredService;
import dev.liaison.events.entity.ServiceNotification;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The push's short transactions around each HTTP call, which itself runs in none: which services
 * have notifications due, the claim that lets one node push to a service at a time, the next
 * notification in order, and what the service's answer changes.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Deliveries {

    @PersistenceContext
    EntityManager em;

    @Inject
    Connections connections;

    /** The next push to a service: where, signed with which secrets, and the notification. */
    public record Push(long service, String name, String url, List<String> secrets, long seq, String id, String body) {
    }

    /** Services connected with a webhook that have a notification due now and no other node's claim. */
    public List<Long> due(Instant now, int max) {
        return em.createQuery("SELECT c.serviceId FROM DeliveryCursor c, RegisteredService s WHERE s.id = c.serviceId"
                        + " AND s.connected = TRUE AND s.webhookUrl IS NOT NULL AND c.lastSeq > c.ackedSeq"
                        + " AND (c.nextAttemptAt IS NULL OR c.nextAttemptAt <= :now)"
                        + " AND (c.claimedUntil IS NULL OR c.claimedUntil < :now) ORDER BY c.serviceId", Long.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Takes or renews the right to push to {@code service} until {@code until}; false if another holds it. */
    public boolean claim(long service, String node, String token, Instant now, Instant until) {
        return em.createNamedQuery(DeliveryCursor.CLAIM).setParameter("token", token).setParameter("until", until)
                .setParameter("node", node).setParameter("service", service).setParameter("now", now).executeUpdate() == 1;
    }

    /** Drops the claims {@code node} held before it stopped (a crash leaves them until they run out). */
    public int releaseClaimsOf(String node) {
        return em.createNamedQuery(DeliveryCursor.RELEASE_NODE).setParameter("node", node).executeUpdate();
    }

    public void release(long service, String token) {
        em.createNamedQuery(DeliveryCursor.RELEASE).setParameter("service", service).setParameter("token", token).executeUpdate();
    }

    /** The first notification not acknowledged, if the service is connected with a webhook and not waiting for a retry. */
    public Optional<Push> next(long service, Instant now) {
        RegisteredService s = em.find(RegisteredService.class, service);
        DeliveryCursor cursor = em.find(DeliveryCursor.class, service);
        if (s == null || cursor == null || !s.isConnected() || s.getWebhookUrl() == null
                || (cursor.getNextAttemptAt() != null && cursor.getNextAttemptAt().isAfter(now))) {
            return Optional.empty();
        }
        return em.createNamedQuery(ServiceNotification.AFTER, ServiceNotification.class).setParameter("service", service)
                .setParameter("after", cursor.getAckedSeq()).setMaxResults(1).getResultStream().findFirst()
                .map(n -> new Push(service, s.getName(), s.getWebhookUrl(), secrets(s, now), n.getSeq(),
                        n.getNotificationId(), CloudEvents.of(n).toString()));
    }

    /** The secrets that sign now: the current one, and the one it replaced while that still overlaps. */
    static List<String> secrets(RegisteredService s, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(s.getSecret());
        if (s.getPreviousSecret() != null && s.getPreviousSecretUntil() != null && s.getPreviousSecretUntil().isAfter(now)) {
            secrets.add(s.getPreviousSecret());
        }
        return secrets;
    }

    /** The service took notification {@code seq} (a 2xx), or acknowledged up to it after a pull. */
    public void acknowledged(long service, long seq, Instant now) {
        em.createNamedQuery(DeliveryCursor.ACK).setParameter("service", service).setParameter("upTo", seq).executeUpdate();
        em.createNamedQuery(ServiceNotification.DELIVERED).setParameter("service", service).setParameter("upTo", seq)
                .setParameter("at", now).executeUpdate();
    }

    /** The push of the notification after {@code acked} failed; the failures so far, this one counted. */
    public int failed(long service, long acked, Instant next) {
        em.createNamedQuery(DeliveryCursor.FAILED).setParameter("service", service).setParameter("acked", acked)
                .setParameter("next", next).executeUpdate();
        DeliveryCursor cursor = em.find(DeliveryCursor.class, service);
        return cursor == null ? 0 : cursor.getAttempts();
    }

    /** How many pushes in a row failed for the notification after {@code acked}, counting none yet. */
    public int failures(long service) {
        DeliveryCursor cursor = em.find(DeliveryCursor.class, service);
        return cursor == null ? 0 : cursor.getAttempts();
    }

    /** The service answered 410 Gone: it is disconnected, as if it had said so itself; its notifications wait. */
    public void gone(long service, Instant now) {
        RegisteredService s = em.find(RegisteredService.class, service);
        if (s != null) {
            connections.disconnect(s, now);
        }
    }
}

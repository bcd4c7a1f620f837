package dev.liaison.events.control;

import dev.liaison.events.entity.DeliveryCursor;
import dev.liaison.events.entity.RegisteredService;
import dev.liaison.events.entity.ServiceNotification;
import dev.liaison.platform.DomainEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox of the event bus: for an event services may follow, one notification per subscribed
 * service, numbered in that service's sequence, written in the caller's transaction. Once that
 * transaction has committed, the push ({@link Dispatcher}) is woken.
 *
 * <p>The sequence number comes from an increment of the service's {@link DeliveryCursor} row,
 * which stays locked until the commit: two transactions that notify one service take their numbers
 * one after the other, and the numbers commit in their order, without gaps (a rollback gives its
 * number back). Subscribers are taken in the order of their ids, so two transactions lock the same
 * rows in the same order.
 */
@ApplicationScoped
public class Notifications {

    /** The key of this transaction's subscribers by type. */
    private static final String SUBSCRIBERS = Notifications.class.getName() + ".subscribers";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    Dispatcher dispatcher;

    /** Writes a notification of {@code event} for each service subscribed to it; returns how many. */
    public int fanOut(DomainEvent event) {
        Optional<BusEvent> bus = BusTypes.of(event);
        if (bus.isEmpty()) {
            return 0;
        }
        BusEvent e = bus.get();
        List<Long> subscribers = subscribers(e.audience());
        for (Long service : subscribers) {
            em.createNamedQuery(DeliveryCursor.NEXT_SEQ).setParameter("service", service).executeUpdate();
            long seq = em.createNamedQuery(DeliveryCursor.LAST_SEQ, Long.class).setParameter("service", service)
                    .setFlushMode(FlushModeType.COMMIT).getSingleResult();
            em.persist(new ServiceNotification(UUID.randomUUID().toString(), service, seq, e.type(), e.source(),
                    e.subject(), e.time(), e.data()));
        }
        if (!subscribers.isEmpty()) {
            wakeAfterCommit();
        }
        return subscribers.size();
    }

    /**
     * The services subscribed to {@code type}, read once per transaction and type: a presence
     * change recomputed for a thousand watchers publishes a thousand events of one type in one
     * transaction. The caller's own changes are no subscription, so they need no flush first.
     */
    private List<Long> subscribers(String type) {
        @SuppressWarnings("unchecked")
        Map<String, List<Long>> known = (Map<String, List<Long>>) transactions.getResource(SUBSCRIBERS);
        if (known == null) {
            known = new HashMap<>();
            transactions.putResource(SUBSCRIBERS, known);
        }
        return known.computeIfAbsent(type, t -> em.createNamedQuery(RegisteredService.SUBSCRIBERS_OF, Long.class)
                .setParameter("type", t).setFlushMode(FlushModeType.COMMIT).getResultList());
    }

    private void wakeAfterCommit() {
        // one wake-up per transaction, however many notifications it wrote
        Object key = Notifications.class;
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        Dispatcher push = dispatcher;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the notifications are already part of the transaction
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    push.wake();
                }
            }
        });
    }
}

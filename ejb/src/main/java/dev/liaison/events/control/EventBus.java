package dev.liaison.events.control;

import dev.liaison.events.entity.EventLogEntry;
import dev.liaison.platform.DomainEvent;
import dev.liaison.platform.DomainEvents;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DomainEvents} over the event log and the {@code liaison.events} topic.
 *
 * <p>The log entry is written in the caller's transaction: it is the durable record of the
 * event, which exists if and only if the change commits. The events of one transaction are kept
 * aside and handed to the topic, as one message, once the transaction has committed
 * ({@link TopicPublisher}); a rollback drops them. No transaction spans the broker and the
 * database (docs/ARCHITECTURE.md says why), so a crash between the commit and the hand-over
 * loses that push, never the event: the log has it, and clients read the state again when they
 * come back (a SUBSCRIBE gets a first NOTIFY, the push stream a first frame).
 *
 * <p>Services subscribed to the event on the service event bus get their notification in the same
 * transaction ({@link Notifications}, the bus's outbox), and it is pushed to them from the
 * database, so a crash loses none of those.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
@JMSDestinationDefinition(name = EventBus.TOPIC, interfaceName = "jakarta.jms.Topic", destinationName = "liaison.events")
public class EventBus implements DomainEvents {

    public static final String TOPIC = "java:global/liaison/jms/Events";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    TopicPublisher publisher;

    @Inject
    Notifications notifications;

    Clock clock = Clock.systemUTC();

    @Override
    public void publish(DomainEvent event) {
        String detail = event.detail();
        em.persist(new EventLogEntry(event.type(), event.subject(),
                event.occurredAt() == null ? clock.instant() : event.occurredAt(), clock.instant(),
                detail == null ? EventMessages.json(event) : detail));
        notifications.fanOut(event);
        pendingInThisTransaction().add(event);
    }

    /** The events this transaction published so far; the first call arranges their hand-over after the commit. */
    private List<DomainEvent> pendingInThisTransaction() {
        @SuppressWarnings("unchecked")
        List<DomainEvent> pending = (List<DomainEvent>) transactions.getResource(EventBus.class);
        if (pending != null) {
            return pending;
        }
        List<DomainEvent> events = new ArrayList<>();
        transactions.putResource(EventBus.class, events);
        TopicPublisher topic = publisher;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the log entries are already part of the transaction
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    topic.send(events);
                }
            }
        });
        return events;
    }
}

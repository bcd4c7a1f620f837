package dev.liaison.events.control;

import dev.liaison.platform.DomainEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands committed events to the events topic, one message per transaction, in the order the
 * transactions committed, from one drain at a time on the managed executor (a transaction's
 * completion is no place for a JMS session). Messages are not persistent: the event log is the
 * durable record, the topic only tells the nodes what to push now.
 */
@ApplicationScoped
public class TopicPublisher {

    private static final Logger LOG = Logger.getLogger(TopicPublisher.class.getName());

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connections;

    @Resource(lookup = EventBus.TOPIC)
    Topic topic;

    @Resource
    ManagedExecutorService executor;

    private final Queue<List<DomainEvent>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Queues the events of one committed transaction; returns at once. */
    public void send(List<DomainEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        waiting.add(List.copyOf(events));
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            try (JMSContext jms = connections.createContext()) {
                var producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                for (List<DomainEvent> batch = waiting.poll(); batch != null; batch = waiting.poll()) {
                    try {
                        producer.send(topic, EventMessages.write(batch));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, batch.size() + " committed events were not pushed (they are in the event log)", e);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The events topic is out of reach; committed events wait for the next one", e);
        } finally {
            draining.set(false);
            // a batch queued between the last poll and the reset would otherwise wait for the next commit
            if (!waiting.isEmpty() && draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }
}

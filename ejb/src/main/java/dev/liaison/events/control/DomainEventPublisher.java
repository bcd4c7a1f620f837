package dev.liaison.events.control;

import dev.liaison.events.boundary.DomainEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Sends domain events to the domain-events queue. The injected JMS context joins the caller's
 * JTA transaction: a rollback of the change discards the event, a commit sends both.
 */
@ApplicationScoped
@JMSDestinationDefinition(name = DomainEventPublisher.QUEUE, interfaceName = "jakarta.jms.Queue",
        destinationName = "liaison.domain-events")
public class DomainEventPublisher {

    public static final String QUEUE = "java:global/liaison/jms/DomainEvents";
    public static final String TYPE_PROPERTY = "eventType";
    public static final String SUBJECT_PROPERTY = "subject";

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    public void publish(DomainEvent event) {
        jms.createProducer()
                .setProperty(TYPE_PROPERTY, event.type())
                .setProperty(SUBJECT_PROPERTY, event.subject())
                .send(queue, JSON.toJson(event));
    }
}

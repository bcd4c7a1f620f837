package dev.liaison.events.boundary;

import dev.liaison.events.control.EventMessages;
import dev.liaison.platform.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's end of the events topic: the events a transaction committed (on this node or
 * another) are read back into their own types and fired, in order, as CDI events, so whoever
 * holds connections here (the SIP edge, the push stream) acts on them.
 */
@ApplicationScoped
public class NodeEvents {

    private static final Logger LOG = Logger.getLogger(NodeEvents.class.getName());

    @Inject
    Event<DomainEvent> events;

    /**
     * Fires the events of one topic message. A push that fails is logged and lost, as a NOTIFY
     * nobody answers: the state stays in the database.
     *
     * @throws IllegalArgumentException if the body is no list of our domain events
     */
    public void deliver(String body) {
        for (DomainEvent event : EventMessages.read(body)) {
            try {
                fire(event.getClass(), event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A " + event.type() + " about " + event.subject() + " was not pushed", e);
            }
        }
    }

    private <E extends DomainEvent> void fire(Class<E> type, DomainEvent event) {
        events.select(type).fire(type.cast(event));
    }
}

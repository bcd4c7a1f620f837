package dev.liaison.events.boundary;

import dev.liaison.events.control.EventBus;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import java.util.logging.Logger;

/**
 * This node's subscription to the events topic (not durable: each node gets every event while it
 * runs). One session, so a node pushes events in the order they were committed. A message that
 * is no domain event is dropped with a warning: redelivering it would fail again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = EventBus.TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@PermitAll
public class EventFanOut implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EventFanOut.class.getName());

    @Inject
    NodeEvents events;

    @Override
    public void onMessage(Message message) {
        try {
            if (message instanceof TextMessage text) {
                events.deliver(text.getText());
                return;
            }
            LOG.warning("Dropped a message that is no domain event: " + message.getJMSMessageID());
        } catch (JMSException | RuntimeException e) {
            LOG.warning("Dropped an unreadable domain event: " + e);
        }
    }
}

package dev.liaison.events.boundary;

import dev.liaison.events.control.DomainEventPublisher;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Writes every domain event into the event log. A message it cannot read is rolled back,
 * retried a bounded number of times and then parked in the dead-letter queue by the broker.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = DomainEventPublisher.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
public class DomainEventListener implements MessageListener {

    @EJB
    EventLog eventLog;

    @Override
    public void onMessage(Message message) {
        try {
            String type = message.getStringProperty(DomainEventPublisher.TYPE_PROPERTY);
            String subject = message.getStringProperty(DomainEventPublisher.SUBJECT_PROPERTY);
            if (type == null || subject == null || !(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("not a domain event: " + message.getJMSMessageID());
            }
            eventLog.record(type, subject, null, text.getText());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the domain event", e);
        }
    }
}

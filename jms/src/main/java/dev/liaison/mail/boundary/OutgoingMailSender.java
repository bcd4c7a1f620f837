package dev.liaison.mail.boundary;

import dev.liaison.mail.control.Outbox;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Sends each queued outgoing mail; a relay failure rolls back, and the broker retries later. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Outbox.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
public class OutgoingMailSender implements MessageListener {

    @EJB
    Outbox outbox;

    @Override
    public void onMessage(Message message) {
        try {
            outbox.deliver(message.getBody(Long.class));
        } catch (JMSException e) {
            throw new IllegalArgumentException("not an outgoing mail id", e);
        }
    }
}

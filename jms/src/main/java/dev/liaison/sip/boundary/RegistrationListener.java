package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Registrar;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.sip.control.RegistrationMessages;
import dev.liaison.sip.control.RegistrationQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Map;

/**
 * Stores the bindings of an authenticated REGISTER and answers on the request's reply queue. The
 * answer is sent in this transaction, so the broker delivers it only once the bindings are
 * committed; a rollback sends nothing and the request is redelivered.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RegistrationQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
public class RegistrationListener implements MessageListener {

    @EJB
    Registrar registrar;

    @Inject
    JMSContext jms;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        try {
            RegistrationResult result = registrar.register(RegistrationMessages.decodeRegistration(message.getBody(Map.class)));
            if (message.getJMSReplyTo() != null) {
                jms.createProducer().setJMSCorrelationID(message.getJMSCorrelationID())
                        .send(message.getJMSReplyTo(), RegistrationMessages.encode(result));
            }
        } catch (JMSException | RuntimeException e) {
            throw new IllegalArgumentException("not a registration message", e);
        }
    }
}

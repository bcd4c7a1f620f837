package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Registrar;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.sip.control.RegistrationMessages;
import dev.liaison.sip.control.RegistrationQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Map;

/**
 * Stores the bindings of an authenticated REGISTER and answers on the request's reply queue once
 * they are committed. The delivery is not transacted, so no transaction spans the broker and the
 * database (see docs/ARCHITECTURE.md): the registrar's own transaction commits, then the answer is
 * sent, then the request is acknowledged. A crash in between at worst applies the same REGISTER
 * twice, which changes nothing (a refresh), or leaves the client without an answer, and a SIP
 * client that gets none retransmits or registers again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RegistrationQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
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

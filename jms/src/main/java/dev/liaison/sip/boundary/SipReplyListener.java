package dev.liaison.sip.boundary;

import dev.liaison.sip.control.RegistrationMessages;
import dev.liaison.sip.control.RegistrationQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Map;

/**
 * Gives the SIP edge the registrar's committed answers, so it sends the final responses of the
 * REGISTERs. Not transacted: the answers change nothing durable, and a lost one is a REGISTER the
 * client sends again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RegistrationQueue.REPLIES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegistrationReplyListener implements MessageListener {

    @EJB
    SipEdge edge;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        try {
            edge.complete(message.getJMSCorrelationID(), RegistrationMessages.decodeResults(message.getBody(Map.class)));
        } catch (JMSException e) {
            throw new IllegalArgumentException("not a registration reply", e);
        }
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.RegistrationMessages;
import dev.liaison.sip.control.RegistrationQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Map;

/** Gives the SIP edge the registrar's committed answer, so it sends the final response of the REGISTER. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RegistrationQueue.REPLIES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
public class RegistrationReplyListener implements MessageListener {

    @EJB
    SipEdge edge;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        try {
            edge.complete(message.getJMSCorrelationID(), RegistrationMessages.decodeResult(message.getBody(Map.class)));
        } catch (JMSException e) {
            throw new IllegalArgumentException("not a registration reply", e);
        }
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.PublicationMessages;
import dev.liaison.sip.control.PublicationQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Map;

/** Gives the SIP edge the compositor's committed answer, so it sends the final response of the PUBLISH. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PublicationQueue.REPLIES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
public class PublicationReplyListener implements MessageListener {

    @EJB
    SipEdge edge;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        try {
            edge.published(message.getJMSCorrelationID(), PublicationMessages.decodeResult(message.getBody(Map.class)));
        } catch (JMSException e) {
            throw new IllegalArgumentException("not a publication reply", e);
        }
    }
}

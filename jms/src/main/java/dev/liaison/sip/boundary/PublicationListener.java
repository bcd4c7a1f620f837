package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.presence.boundary.Publications;
import dev.liaison.sip.control.PublicationMessages;
import dev.liaison.sip.control.PublicationQueue;
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
 * Applies an authenticated PUBLISH and answers on the request's reply queue once the publication
 * is committed. Not transacted, like {@link RegistrationListener}: the compositor's own
 * transaction commits, then the answer is sent, then the request is acknowledged. A crash in
 * between at worst applies the same PUBLISH twice (an initial one then leaves a second publication
 * that nobody refreshes, which expires) or leaves the client without an answer, and it retransmits.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PublicationQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PublicationListener implements MessageListener {

    @EJB
    Publications publications;

    @Inject
    JMSContext jms;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        try {
            PublishResult result = publications.publish(PublicationMessages.decodeRequest(message.getBody(Map.class)));
            if (message.getJMSReplyTo() != null) {
                jms.createProducer().setJMSCorrelationID(message.getJMSCorrelationID())
                        .send(message.getJMSReplyTo(), PublicationMessages.encode(result));
            }
        } catch (JMSException | RuntimeException e) {
            throw new IllegalArgumentException("not a publication message", e);
        }
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.presence.boundary.Publications;
import dev.liaison.presence.boundary.PublishRequest;
import dev.liaison.sip.control.CoreQueues;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.HandOffMessages;
import dev.liaison.sip.control.PublicationMessages;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies a batch of authenticated PUBLISHes, each in its own transaction, and answers on the
 * request's reply queue once they are committed (a PUBLISH that could not be stored gets no
 * result, and the edge answers it 500). Not transacted, like {@link RegistrationListener}: the compositor's own
 * transaction commits, then the answer is sent, then the request is acknowledged. A crash in
 * between at worst applies the same PUBLISH twice (an initial one then leaves a second publication
 * that nobody refreshes, which expires) or leaves the client without an answer, and it retransmits.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CoreQueues.PUBLISH_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PublicationListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(PublicationListener.class.getName());

    @EJB
    Publications publications;

    @Inject
    JMSContext jms;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        List<HandOff.Entry<PublishRequest>> batch;
        try {
            batch = PublicationMessages.decodeRequests(message.getBody(Map.class));
        } catch (JMSException | RuntimeException e) {
            throw new IllegalArgumentException("not a publication message", e);
        }
        List<HandOff.Entry<PublishResult>> answers = new ArrayList<>(batch.size());
        for (HandOff.Entry<PublishRequest> entry : batch) {
            PublishResult result = null;
            try {
                result = publications.publish(entry.value());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The PUBLISH of " + entry.value().username() + " was not stored", e);
            }
            answers.add(new HandOff.Entry<>(entry.id(), result));
        }
        try {
            HandOffMessages.reply(jms, message, PublicationMessages.encodeResults(answers));
        } catch (JMSException e) {
            throw new IllegalStateException("no reply queue", e);
        }
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.CoreQueues;
import dev.liaison.sip.control.HandOffMessages;
import dev.liaison.sip.control.MessageMessages;
import dev.liaison.sip.control.PublicationMessages;
import dev.liaison.sip.control.RegistrationMessages;
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
 * Gives the SIP edge of this node the core's committed answers (REGISTER, PUBLISH, MESSAGE), so it sends
 * the final responses. It takes only the answers that name this node: the selector's
 * {@code ${jboss.node.name}} is replaced by WildFly ({@code annotation-property-replacement} in the
 * {@code ee} subsystem, set by the provisioning), so in a cluster an answer reaches the node that
 * holds the client's transaction. Not transacted: the answers change nothing durable, and a lost
 * one is a request the client sends again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CoreQueues.REPLIES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = HandOffMessages.NODE + " = '${jboss.node.name}'")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SipReplyListener implements MessageListener {

    @EJB
    SipEdge edge;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        try {
            String batchId = message.getJMSCorrelationID();
            Map<String, Object> body = message.getBody(Map.class);
            switch (String.valueOf(message.getStringProperty(HandOffMessages.KIND))) {
                case HandOffMessages.REGISTER -> edge.complete(batchId, RegistrationMessages.decodeResults(body));
                case HandOffMessages.PUBLISH -> edge.published(batchId, PublicationMessages.decodeResults(body));
                case HandOffMessages.MESSAGE -> edge.deposited(batchId, MessageMessages.decodeOutcomes(body));
                default -> throw new IllegalArgumentException("an answer of no known kind: " + message.getStringProperty(HandOffMessages.KIND));
            }
        } catch (JMSException e) {
            throw new IllegalArgumentException("not an answer of the core", e);
        }
    }
}

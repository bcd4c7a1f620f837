package dev.liaison.sip.control;

import dev.liaison.presence.boundary.PublishRequest;
import dev.liaison.presence.boundary.Registration;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;
import jakarta.jms.Queue;

import java.util.List;
import java.util.Map;

/**
 * The JMS leg of the {@link HandOff}: a batch of requests goes to the core's queue for its kind
 * (REGISTERs to the registrar, PUBLISHes to the compositor, MESSAGEs to the offline store) as one message that names this node
 * and its kind ({@link HandOffMessages}); the core answers on the one reply queue, only after it
 * committed, with the same node and kind ({@link HandOffMessages#reply}); each node's
 * {@code SipReplyListener} selects the answers that name it, so an answer always returns to the
 * node that holds the client's transaction.
 *
 * <p>Both messages are non-persistent and sent outside any transaction: the durable record is the
 * database, not the broker. A message lost with the broker (a crash) means requests that get no
 * answer, which a SIP client retransmits or sends again; it never means a 200 OK for what was not
 * stored (see docs/ARCHITECTURE.md).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@JMSDestinationDefinitions({
        @JMSDestinationDefinition(name = CoreQueues.REGISTER_QUEUE, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.register"),
        @JMSDestinationDefinition(name = CoreQueues.PUBLISH_QUEUE, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.publish"),
        @JMSDestinationDefinition(name = CoreQueues.MESSAGE_QUEUE, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.message"),
        @JMSDestinationDefinition(name = CoreQueues.REPLIES, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.reply")})
public class CoreQueues {

    public static final String REGISTER_QUEUE = "java:global/liaison/jms/SipRegister";
    public static final String PUBLISH_QUEUE = "java:global/liaison/jms/SipPublish";
    public static final String MESSAGE_QUEUE = "java:global/liaison/jms/SipMessage";
    public static final String REPLIES = "java:global/liaison/jms/SipReply";

    @Inject
    JMSContext jms;

    @Resource(lookup = REGISTER_QUEUE)
    Queue registrations;

    @Resource(lookup = PUBLISH_QUEUE)
    Queue publications;

    @Resource(lookup = MESSAGE_QUEUE)
    Queue messages;

    @Resource(lookup = REPLIES)
    Queue replies;

    /** Sends a batch of REGISTERs, each under its correlation id; the answer names {@code batchId}. */
    public void register(String batchId, List<HandOff.Entry<Registration>> batch) {
        send(registrations, HandOffMessages.REGISTER, batchId, RegistrationMessages.encodeRegistrations(batch));
    }

    /** Sends a batch of PUBLISHes, each under its correlation id; the answer names {@code batchId}. */
    public void publish(String batchId, List<HandOff.Entry<PublishRequest>> batch) {
        send(publications, HandOffMessages.PUBLISH, batchId, PublicationMessages.encodeRequests(batch));
    }

    /** Sends a batch of pager-mode MESSAGEs, each under its correlation id; the answer names {@code batchId}. */
    public void deposit(String batchId, List<HandOff.Entry<MessageMessages.Deposit>> batch) {
        send(messages, HandOffMessages.MESSAGE, batchId, MessageMessages.encodeDeposits(batch));
    }

    private void send(Queue queue, String kind, String batchId, Map<String, Object> body) {
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setJMSCorrelationID(batchId).setJMSReplyTo(replies)
                .setProperty(HandOffMessages.NODE, HandOffMessages.node()).setProperty(HandOffMessages.KIND, kind).send(queue, body);
    }
}

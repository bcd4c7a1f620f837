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
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import java.util.List;
import java.util.Map;

/**
 * The JMS leg of the {@link HandOff}: a batch of requests goes to the core's queue for its kind
 * (REGISTERs to the registrar, PUBLISHes to the compositor) as one message that names this node
 * ({@link #NODE}, WildFly's {@code jboss.node.name}) and its kind; the core answers on the one reply
 * queue, only after it committed, with the same node and kind ({@link #reply}); each node's
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
        @JMSDestinationDefinition(name = CoreQueues.REPLIES, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.reply")})
public class CoreQueues {

    public static final String REGISTER_QUEUE = "java:global/liaison/jms/SipRegister";
    public static final String PUBLISH_QUEUE = "java:global/liaison/jms/SipPublish";
    public static final String REPLIES = "java:global/liaison/jms/SipReply";
    /** The message property naming the node that waits for the answer. */
    public static final String NODE = "liaisonNode";
    /** The message property naming what the batch holds: {@link #REGISTER} or {@link #PUBLISH}. */
    public static final String KIND = "liaisonKind";
    public static final String REGISTER = "REGISTER";
    public static final String PUBLISH = "PUBLISH";

    @Inject
    JMSContext jms;

    @Resource(lookup = REGISTER_QUEUE)
    Queue registrations;

    @Resource(lookup = PUBLISH_QUEUE)
    Queue publications;

    @Resource(lookup = REPLIES)
    Queue replies;

    /**
     * This node's name, as the reply listener's selector names it ({@code ${jboss.node.name}}):
     * distinct for every node of a cluster, the host name on a lone server.
     */
    public static String node() {
        return System.getProperty("jboss.node.name", "liaison");
    }

    /** Sends a batch of REGISTERs, each under its correlation id; the answer names {@code batchId}. */
    public void register(String batchId, List<HandOff.Entry<Registration>> batch) {
        send(registrations, REGISTER, batchId, RegistrationMessages.encodeRegistrations(batch));
    }

    /** Sends a batch of PUBLISHes, each under its correlation id; the answer names {@code batchId}. */
    public void publish(String batchId, List<HandOff.Entry<PublishRequest>> batch) {
        send(publications, PUBLISH, batchId, PublicationMessages.encodeRequests(batch));
    }

    private void send(Queue queue, String kind, String batchId, Map<String, Object> body) {
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setJMSCorrelationID(batchId).setJMSReplyTo(replies)
                .setProperty(NODE, node()).setProperty(KIND, kind).send(queue, body);
    }

    /** The core's answer to {@code request}, after its commit: to the request's reply queue, naming its node, kind and batch. */
    public static void reply(JMSContext jms, Message request, Map<String, Object> body) throws JMSException {
        if (request.getJMSReplyTo() == null) {
            return;
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setJMSCorrelationID(request.getJMSCorrelationID())
                .setProperty(NODE, request.getStringProperty(NODE)).setProperty(KIND, request.getStringProperty(KIND))
                .send(request.getJMSReplyTo(), body);
    }
}

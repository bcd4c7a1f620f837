package dev.liaison.sip.control;

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

/**
 * The hand-off of REGISTERs from the SIP edge to the registrar: a batch of them goes to the
 * registration queue as one message, with the reply queue. The registrar's answers come back on
 * the reply queue, as one message per batch, only after the bindings are committed, and only then
 * does the edge send the final SIP responses.
 *
 * <p>Both messages are non-persistent and sent outside any transaction: the durable record of a
 * registration is the database, not the broker. A message lost with the broker (a crash) means
 * REGISTERs that get no answer, which a SIP client retransmits or sends again; it never means a
 * 200 OK for bindings that were not stored (see docs/ARCHITECTURE.md).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@JMSDestinationDefinitions({
        @JMSDestinationDefinition(name = RegistrationQueue.QUEUE, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.register"),
        @JMSDestinationDefinition(name = RegistrationQueue.REPLIES, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.register-reply")})
public class RegistrationQueue {

    public static final String QUEUE = "java:global/liaison/jms/SipRegister";
    public static final String REPLIES = "java:global/liaison/jms/SipRegisterReply";

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    @Resource(lookup = REPLIES)
    Queue replies;

    /** Sends a batch of REGISTERs, each under its correlation id; the answer names {@code batchId}. */
    public void submit(String batchId, List<RegistrationMessages.Entry<Registration>> batch) {
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setJMSCorrelationID(batchId).setJMSReplyTo(replies)
                .send(queue, RegistrationMessages.encodeRegistrations(batch));
    }
}

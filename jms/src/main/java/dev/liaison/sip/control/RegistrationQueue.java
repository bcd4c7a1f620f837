package dev.liaison.sip.control;

import dev.liaison.presence.boundary.Registration;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;
import jakarta.jms.Queue;

/**
 * The durable hand-off of a REGISTER from the SIP edge to the registrar: the request goes to the
 * registration queue with the reply queue and a correlation id, and {@link #submit} returns once
 * the broker holds it. The registrar's answer comes back on the reply queue only after the
 * bindings are committed, and only then does the edge send the final SIP response.
 */
@Stateless
@PermitAll
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

    public void submit(String correlationId, Registration registration) {
        jms.createProducer().setJMSCorrelationID(correlationId).setJMSReplyTo(replies)
                .send(queue, RegistrationMessages.encode(registration));
    }
}

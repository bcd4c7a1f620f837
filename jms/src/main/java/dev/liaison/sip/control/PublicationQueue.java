package dev.liaison.sip.control;

import dev.liaison.presence.boundary.PublishRequest;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;
import jakarta.jms.Queue;

/**
 * The hand-off of a PUBLISH from the SIP edge to the presence compositor, the way a REGISTER goes
 * to the registrar: the request goes to the publication queue with the reply queue and a
 * correlation id; the answer comes back on the reply queue only after the publication is
 * committed, and only then does the edge send the final SIP response.
 */
@Stateless
@PermitAll
@JMSDestinationDefinitions({
        @JMSDestinationDefinition(name = PublicationQueue.QUEUE, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.publish"),
        @JMSDestinationDefinition(name = PublicationQueue.REPLIES, interfaceName = "jakarta.jms.Queue",
                destinationName = "liaison.sip.publish-reply")})
public class PublicationQueue {

    public static final String QUEUE = "java:global/liaison/jms/SipPublish";
    public static final String REPLIES = "java:global/liaison/jms/SipPublishReply";

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    @Resource(lookup = REPLIES)
    Queue replies;

    public void submit(String correlationId, PublishRequest request) {
        jms.createProducer().setJMSCorrelationID(correlationId).setJMSReplyTo(replies)
                .send(queue, PublicationMessages.encode(request));
    }
}

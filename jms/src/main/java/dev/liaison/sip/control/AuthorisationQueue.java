package dev.liaison.sip.control;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;

/**
 * The durable hand-off of a subscription that asks for authorisation (a watcher in the user's
 * AUTHORISATION_REQUIRED list subscribed to their presence) from the SIP edge to the store of
 * requests. {@link #submit} returns once the broker holds it, and only then does the edge answer
 * the SUBSCRIBE, so an accepted subscription never loses its request.
 */
@Stateless
@PermitAll
@JMSDestinationDefinition(name = AuthorisationQueue.QUEUE, interfaceName = "jakarta.jms.Queue",
        destinationName = "liaison.sip.authorisation")
public class AuthorisationQueue {

    public static final String QUEUE = "java:global/liaison/jms/SipAuthorisation";
    public static final String TARGET = "target";
    public static final String WATCHER = "watcher";

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    public void submit(String target, String watcher) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setString(TARGET, target);
            message.setString(WATCHER, watcher);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot fill a map message", e);
        }
        jms.createProducer().send(queue, message);
    }
}

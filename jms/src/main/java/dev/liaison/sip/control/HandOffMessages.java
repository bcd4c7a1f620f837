package dev.liaison.sip.control;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.util.Map;

/**
 * What a request of the {@link HandOff} and its answer carry besides their body: the node that
 * waits for the answer ({@link #NODE}, WildFly's {@code jboss.node.name}) and what the batch holds
 * ({@link #KIND}). The core copies both into its answer ({@link #reply}); each node's reply
 * listener selects the answers that name it.
 */
public final class HandOffMessages {

    /** The message property naming the node that waits for the answer. */
    public static final String NODE = "liaisonNode";
    /** The message property naming what the batch holds: {@link #REGISTER}, {@link #PUBLISH} or {@link #MESSAGE}. */
    public static final String KIND = "liaisonKind";
    public static final String REGISTER = "REGISTER";
    public static final String PUBLISH = "PUBLISH";
    public static final String MESSAGE = "MESSAGE";

    private HandOffMessages() {
    }

    /**
     * This node's name, as the reply listener's selector names it ({@code ${jboss.node.name}}):
     * distinct for every node of a cluster, the host name on a lone server.
     */
    public static String node() {
        return System.getProperty("jboss.node.name", "liaison");
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

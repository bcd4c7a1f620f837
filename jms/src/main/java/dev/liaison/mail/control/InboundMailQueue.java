package dev.liaison.mail.control;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;

import java.util.List;

/**
 * The durable hand-off between the SMTP conversation and the meeting feature: the listener
 * answers 250 only after {@link #accept} has returned, i.e. after this transaction committed the
 * message to the broker's journal.
 */
@Stateless
@PermitAll
@JMSDestinationDefinition(name = InboundMailQueue.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "liaison.inbound-mail")
public class InboundMailQueue {

    public static final String QUEUE = "java:global/liaison/jms/InboundMail";
    public static final String ENVELOPE_FROM = "envelopeFrom";
    public static final String ENVELOPE_TO = "envelopeTo";

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    public void accept(byte[] message, String envelopeFrom, List<String> envelopeRecipients) {
        try {
            BytesMessage bytes = jms.createBytesMessage();
            bytes.writeBytes(message);
            bytes.setStringProperty(ENVELOPE_FROM, envelopeFrom == null ? "" : envelopeFrom);
            bytes.setStringProperty(ENVELOPE_TO, String.join(",", envelopeRecipients));
            jms.createProducer().send(queue, bytes);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot queue an inbound mail", e);
        }
    }
}

package dev.liaison.collab.boundary;

import dev.liaison.mail.control.InboundMailQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Arrays;
import java.util.List;

/** Hands every mail the SMTP listener accepted to the meeting feature. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = InboundMailQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
public class MeetingMailListener implements MessageListener {

    @EJB
    MeetingRequests meetings;

    @Override
    public void onMessage(Message message) {
        try {
            BytesMessage bytes = (BytesMessage) message;
            byte[] raw = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(raw);
            String to = message.getStringProperty(InboundMailQueue.ENVELOPE_TO);
            List<String> recipients = to == null || to.isEmpty() ? List.of() : Arrays.asList(to.split(","));
            meetings.receive(raw, message.getStringProperty(InboundMailQueue.ENVELOPE_FROM), recipients);
        } catch (JMSException | ClassCastException e) {
            throw new IllegalArgumentException("not an inbound mail message", e);
        }
    }
}

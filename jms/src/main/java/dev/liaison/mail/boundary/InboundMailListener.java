package dev.liaison.mail.boundary;

import dev.liaison.collab.boundary.MeetingRequests;
import dev.liaison.mail.control.InboundMailQueue;
import dev.liaison.mail.control.MailReader;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.Arrays;
import java.util.List;

/**
 * Reads every mail the SMTP listener or the IMAP poller accepted into the project's own
 * {@code InboundMail} and hands it to the meeting feature. The delivery is not part of the
 * meeting's transaction: the broker forgets the message only after that transaction has
 * committed, and a message delivered again after a crash is recognised by its dedupe key, so no
 * broker and database transaction is ever left in doubt.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = InboundMailQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundMailListener implements MessageListener {

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
            meetings.receive(MailReader.read(raw, message.getStringProperty(InboundMailQueue.ENVELOPE_FROM), recipients));
        } catch (JMSException | ClassCastException e) {
            throw new IllegalArgumentException("not an inbound mail message", e);
        }
    }
}

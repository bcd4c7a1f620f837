package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Registrar;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.sip.control.CoreQueues;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.HandOffMessages;
import dev.liaison.sip.control.RegistrationMessages;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores the bindings of a batch of authenticated REGISTERs in one transaction and answers on the
 * request's reply queue once they are committed. The delivery is not transacted, so no
 * transaction spans the broker and the database (see docs/ARCHITECTURE.md). If the batch fails,
 * each REGISTER is tried in a transaction of its own, so one bad request does not fail the
 * others, and one that fails alone is answered "not stored" (the edge's 500, the client retries).
 * Both messages are non-persistent: the database is the durable record, they only carry it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CoreQueues.REGISTER_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegistrationListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(RegistrationListener.class.getName());

    @EJB
    Registrar registrar;

    @Inject
    JMSContext jms;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        List<HandOff.Entry<Registration>> batch;
        try {
            batch = RegistrationMessages.decodeRegistrations(message.getBody(Map.class));
        } catch (JMSException | RuntimeException e) {
            throw new IllegalArgumentException("not a registration message", e);
        }
        List<RegistrationResult> results;
        try {
            results = registrar.registerAll(batch.stream().map(HandOff.Entry::value).toList());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A batch of " + batch.size() + " registrations failed; each is tried alone", e);
            results = new ArrayList<>();
            for (HandOff.Entry<Registration> entry : batch) {
                try {
                    results.add(registrar.register(entry.value()));
                } catch (RuntimeException alone) {
                    LOG.log(Level.WARNING, "The REGISTER of " + entry.value().username() + " was not stored", alone);
                    results.add(RegistrationResult.refused(RegistrationResult.NOT_STORED));
                }
            }
        }
        List<HandOff.Entry<RegistrationResult>> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            answers.add(new HandOff.Entry<>(batch.get(i).id(), results.get(i)));
        }
        try {
            HandOffMessages.reply(jms, message, RegistrationMessages.encodeResults(answers));
        } catch (JMSException e) {
            throw new IllegalStateException("no reply queue", e);
        }
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Authorisations;
import dev.liaison.sip.control.AuthorisationQueue;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Stores the authorisation request of a SIP subscription that awaits the user's answer. As for
 * REGISTER, the delivery is not transacted: the store commits, then the message is acknowledged;
 * a redelivery after a crash finds the request already pending and stores nothing more.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = AuthorisationQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuthorisationListener implements MessageListener {

    @EJB
    Authorisations authorisations;

    @Override
    public void onMessage(Message message) {
        try {
            MapMessage map = (MapMessage) message;
            authorisations.subscribedAwaitingAuthorisation(map.getString(AuthorisationQueue.TARGET),
                    map.getString(AuthorisationQueue.WATCHER));
        } catch (JMSException | ClassCastException e) {
            throw new IllegalArgumentException("not an authorisation message", e);
        }
    }
}

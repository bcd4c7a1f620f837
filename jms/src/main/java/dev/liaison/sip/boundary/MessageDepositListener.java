package dev.liaison.sip.boundary;

import dev.liaison.im.boundary.GroupFanOut;
import dev.liaison.im.boundary.OfflineMessage;
import dev.liaison.im.boundary.OfflineStore;
import dev.liaison.im.boundary.StoreResult;
import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.Presence;
import dev.liaison.presence.boundary.Registrar;
import dev.liaison.sip.control.CoreQueues;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.HandOffMessages;
import dev.liaison.sip.control.MessageMessages;
import dev.liaison.sip.control.MessageMessages.Deposit;
import dev.liaison.sip.control.MessageMessages.Outcome;
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
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The core's side of pager-mode MESSAGEs: a recipient with registered contacts gets the message
 * offered to them first (the answer names the contacts; nothing is kept), any other message is
 * kept by the {@link OfflineStore}, the whole batch in one transaction, and answered only once it
 * committed. If the batch fails, each message is tried alone, so one bad message does not fail
 * the others; one that fails alone is answered "not stored" (the edge's 500, the client retries).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CoreQueues.MESSAGE_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageDepositListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(MessageDepositListener.class.getName());

    @EJB
    OfflineStore store;

    @EJB
    Registrar registrar;

    @EJB
    Presence presence;

    @EJB
    GroupFanOut groups;

    @Inject
    JMSContext jms;

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Message message) {
        List<HandOff.Entry<Deposit>> batch;
        try {
            batch = MessageMessages.decodeDeposits(message.getBody(Map.class));
        } catch (JMSException | RuntimeException e) {
            throw new IllegalArgumentException("not a batch of MESSAGEs", e);
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Integer> toKeep = new ArrayList<>();
        // one query for the contacts of every recipient the batch may relay to
        Map<String, List<Binding>> registered = registrar.bindingsOf(batch.stream().map(HandOff.Entry::value)
                .filter(d -> d.group() == null && !d.storeOnly()).map(d -> d.message().recipient())
                .collect(java.util.stream.Collectors.toSet()));
        for (int i = 0; i < batch.size(); i++) {
            Deposit deposit = batch.get(i).value();
            if (deposit.group() != null) {
                outcomes[i] = fanOut(deposit);
                continue;
            }
            List<Binding> bindings = deposit.storeOnly() ? List.of() : registered.getOrDefault(deposit.message().recipient(), List.of());
            if (bindings.isEmpty()) {
                toKeep.add(i);
            } else {
                outcomes[i] = Outcome.online(bindings.stream().map(Binding::uri).toList(), mayKnow(deposit));
            }
        }
        if (!toKeep.isEmpty()) {
            keep(batch, toKeep, outcomes);
        }
        List<HandOff.Entry<Outcome>> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            answers.add(new HandOff.Entry<>(batch.get(i).id(), outcomes[i]));
        }
        try {
            HandOffMessages.reply(jms, message, MessageMessages.encodeOutcomes(answers));
        } catch (JMSException e) {
            throw new IllegalStateException("no reply queue", e);
        }
    }

    private void keep(List<HandOff.Entry<Deposit>> batch, List<Integer> toKeep, Outcome[] outcomes) {
        try {
            List<StoreResult> results = store.storeAll(toKeep.stream().map(i -> batch.get(i).value().message()).toList());
            for (int k = 0; k < toKeep.size(); k++) {
                outcomes[toKeep.get(k)] = Outcome.stored(results.get(k));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A batch of " + toKeep.size() + " messages failed; each is tried alone", e);
            for (int i : toKeep) {
                try {
                    outcomes[i] = Outcome.stored(store.store(batch.get(i).value().message()));
                } catch (RuntimeException alone) {
                    LOG.log(Level.WARNING, "A message for " + batch.get(i).value().message().recipient() + " was not stored", alone);
                    outcomes[i] = Outcome.stored(StoreResult.of(StoreResult.Outcome.NOT_STORED));
                }
            }
        }
    }

    /**
     * The group IM server: a copy of the message kept for each member of ours but the sender (each
     * in its own store, its own quota) and one held for each member of a peer domain, in one
     * transaction ({@link GroupFanOut}); the members with a registered contact are named so the
     * edge hands them their copy at once. A sender who is not a member sends nothing.
     */
    private Outcome fanOut(Deposit deposit) {
        OfflineMessage message = deposit.message();
        Optional<GroupFanOut.Copies> fanned;
        try {
            fanned = groups.post(deposit.group(), message, "group");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A message to group " + deposit.group() + " was not stored", e);
            return Outcome.stored(StoreResult.of(StoreResult.Outcome.NOT_STORED));
        }
        if (fanned.isEmpty()) {
            return Outcome.stored(StoreResult.of(StoreResult.Outcome.NOT_A_MEMBER));
        }
        List<OfflineMessage> copies = fanned.get().local();
        List<StoreResult> results = fanned.get().results();
        List<String> deliverNow = new ArrayList<>();
        for (int k = 0; k < copies.size(); k++) {
            if (results.get(k).outcome() == StoreResult.Outcome.STORED) {
                String member = copies.get(k).recipient();
                registrar.bindings(member).stream().findFirst().ifPresent(b -> deliverNow.add(member + "\t" + b.uri()));
            }
        }
        return Outcome.fannedOut(new StoreResult(StoreResult.Outcome.STORED, null), deliverNow);
    }

    /** Whether the sender may see the recipient's presence, so that "delivered" (200) tells it nothing it may not know. */
    private boolean mayKnow(Deposit deposit) {
        String sender = deposit.message().senderUser();
        if (sender == null) {
            return false;
        }
        try {
            ConnectabilityState state = presence.stateFor(deposit.message().recipient(), sender).state();
            return state != ConnectabilityState.UNKNOWN && state != ConnectabilityState.SUBJECT_TO_AUTHORISATION;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

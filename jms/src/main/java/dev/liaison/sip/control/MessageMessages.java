package dev.liaison.sip.control;

import dev.liaison.im.boundary.OfflineMessage;
import dev.liaison.im.boundary.StoreResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of pager-mode messages on their way to the core and of the core's answers, as
 * {@link RegistrationMessages} does for REGISTERs: map entries of strings, numbers and the body's
 * bytes, never Java serialisation. A message that is not {@code storeOnly} is first offered to
 * the recipient's registered contacts: the core answers with them instead of keeping it.
 */
public final class MessageMessages {

    /**
     * A MESSAGE for the core: keep it, unless the recipient has contacts to try first. With a
     * {@code group}, the recipient is that group's name and each member gets a copy.
     */
    public record Deposit(OfflineMessage message, boolean storeOnly, String group) {

        public Deposit(OfflineMessage message, boolean storeOnly) {
            this(message, storeOnly, null);
        }
    }

    /**
     * The core's answer: the contacts to offer the message to (it was not kept), or what the
     * store made of it; {@code reveal} says whether the sender may know that the recipient is
     * reachable (it may see the recipient's presence).
     */
    public record Outcome(List<String> contacts, boolean reveal, StoreResult stored, List<String> deliverNow) {

        public static Outcome online(List<String> contacts, boolean reveal) {
            return new Outcome(List.copyOf(contacts), reveal, null, List.of());
        }

        public static Outcome stored(StoreResult result) {
            return new Outcome(List.of(), false, result, List.of());
        }

        /**
         * A group message kept for each member: {@code deliverNow} holds, for each member with a
         * registered contact, "member TAB contact", to which the kept copy goes at once.
         */
        public static Outcome fannedOut(StoreResult result, List<String> deliverNow) {
            return new Outcome(List.of(), false, result, List.copyOf(deliverNow));
        }
    }

    private static final String RECIPIENT = "recipient";
    private static final String SENDER = "sender";
    private static final String SENDER_USER = "senderUser";
    private static final String CONTENT_TYPE = "contentType";
    private static final String BODY = "body";
    private static final String KEY = "key";
    private static final String ORIGIN = "origin";
    private static final String AT = "at";
    private static final String STORE_ONLY = "storeOnly";
    private static final String KEEP_UNTIL = "keepUntil";
    private static final String CONTACTS = "contacts";
    private static final String REVEAL = "reveal";
    private static final String OUTCOME = "outcome";
    private static final String STORED_ID = "storedId";
    private static final String GROUP = "group";
    private static final String DELIVER_NOW = "deliverNow";

    private MessageMessages() {
    }

    public static Map<String, Object> encodeDeposits(List<HandOff.Entry<Deposit>> batch) {
        return RegistrationMessages.encodeBatch(batch, MessageMessages::encode);
    }

    public static List<HandOff.Entry<Deposit>> decodeDeposits(Map<String, Object> map) {
        return RegistrationMessages.decodeBatch(map, MessageMessages::decodeDeposit);
    }

    public static Map<String, Object> encodeOutcomes(List<HandOff.Entry<Outcome>> batch) {
        return RegistrationMessages.encodeBatch(batch, MessageMessages::encode);
    }

    public static List<HandOff.Entry<Outcome>> decodeOutcomes(Map<String, Object> map) {
        return RegistrationMessages.decodeBatch(map, MessageMessages::decodeOutcome);
    }

    static Map<String, Object> encode(Deposit deposit) {
        OfflineMessage m = deposit.message();
        Map<String, Object> map = new HashMap<>();
        map.put(RECIPIENT, m.recipient());
        map.put(SENDER, m.sender());
        if (m.senderUser() != null) {
            map.put(SENDER_USER, m.senderUser());
        }
        map.put(CONTENT_TYPE, m.contentType());
        map.put(BODY, m.body());
        map.put(KEY, m.dedupeKey());
        map.put(ORIGIN, m.origin());
        map.put(AT, m.receivedAt().toEpochMilli());
        map.put(STORE_ONLY, deposit.storeOnly());
        if (m.keepUntil() != null) {
            map.put(KEEP_UNTIL, m.keepUntil().toEpochMilli());
        }
        if (deposit.group() != null) {
            map.put(GROUP, deposit.group());
        }
        return map;
    }

    static Deposit decodeDeposit(Map<String, Object> map) {
        return new Deposit(new OfflineMessage((String) map.get(RECIPIENT), (String) map.get(SENDER), (String) map.get(SENDER_USER),
                (String) map.get(CONTENT_TYPE), (byte[]) map.get(BODY), (String) map.get(KEY), (String) map.get(ORIGIN),
                Instant.ofEpochMilli(((Number) map.get(AT)).longValue()),
                map.get(KEEP_UNTIL) == null ? null : Instant.ofEpochMilli(((Number) map.get(KEEP_UNTIL)).longValue())),
                Boolean.TRUE.equals(map.get(STORE_ONLY)), (String) map.get(GROUP));
    }

    static Map<String, Object> encode(Outcome outcome) {
        Map<String, Object> map = new HashMap<>();
        map.put(CONTACTS, String.join("\n", outcome.contacts()));
        map.put(REVEAL, outcome.reveal());
        map.put(DELIVER_NOW, String.join("\n", outcome.deliverNow()));
        if (outcome.stored() != null) {
            map.put(OUTCOME, outcome.stored().outcome().name());
            if (outcome.stored().id() != null) {
                map.put(STORED_ID, outcome.stored().id());
            }
        }
        return map;
    }

    static Outcome decodeOutcome(Map<String, Object> map) {
        Object stored = map.get(OUTCOME);
        if (stored != null) {
            Object id = map.get(STORED_ID);
            String now = (String) map.get(DELIVER_NOW);
            return Outcome.fannedOut(new StoreResult(StoreResult.Outcome.valueOf((String) stored),
                    id == null ? null : ((Number) id).longValue()), now == null || now.isEmpty() ? List.of() : List.of(now.split("\n")));
        }
        String contacts = (String) map.get(CONTACTS);
        List<String> list = contacts == null || contacts.isEmpty() ? List.of() : new ArrayList<>(List.of(contacts.split("\n")));
        return Outcome.online(list, Boolean.TRUE.equals(map.get(REVEAL)));
    }
}

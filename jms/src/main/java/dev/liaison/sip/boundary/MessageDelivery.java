package dev.liaison.sip.boundary;

import dev.liaison.im.boundary.StoredMessageView;

import javax.sip.address.Address;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the messages the offline store kept for a user to the contact that just registered
 * (not to every contact of the user, not all at once): one MESSAGE at a time, in the order they
 * were kept, each with its original sender (From), time (Date), content type and body, the next
 * only when the client answered the previous one with a 2xx. A message is forgotten only once its
 * 2xx came (the acknowledgements go to the store in small batches); any other answer, or none,
 * ends the run and leaves the rest kept for the next registration. A user has at most one run on
 * this node; a registration during a run asks for another pass when it ends.
 *
 * <p>A delivered MESSAGE carries a Call-ID made from the stored message's id, the same on every
 * attempt, so a client that sees one twice (the node stopped between the 2xx and the store's
 * commit) can tell it is the same message.
 */
final class MessageDelivery {

    private static final Logger LOG = Logger.getLogger(MessageDelivery.class.getName());

    /** How many stored messages one read takes. */
    private static final int PAGE = 100;
    /** How many acknowledgements go to the store at once. */
    private static final int ACK_BATCH = 50;

    /** The MSRP edge, as delivery sees it: sessions over which a large kept message is handed to the client (Fig 6). */
    interface Pusher {
        /** Our MSRP URI of a new session for {@code username}, and the host and port the SDP names. */
        String open(String username);

        java.util.concurrent.CompletionStage<Boolean> push(String ours, List<String> peerPath, StoredMessageView message);

        void close(String ours);

        String host();

        int port();
    }

    /** The offline store, as delivery sees it. */
    interface Store {
        List<StoredMessageView> pending(String username, long afterId, int limit);

        void delivered(String username, List<Long> ids);
    }

    private final OutgoingRequests outgoing;
    private final Store store;
    private final Executor executor;
    private final String realm;
    private final ConcurrentMap<String, Run> runs = new ConcurrentHashMap<>();

    private final Pusher pusher;
    private final int pagerMaxBytes;

    /**
     * @param pusher        hands large messages over MSRP, or null when the MSRP edge does not run
     * @param pagerMaxBytes the largest message sent as a MESSAGE; a larger one goes over an MSRP
     *                      session the store sets up, unless the client refuses one
     */
    MessageDelivery(OutgoingRequests outgoing, Store store, Executor executor, String realm, Pusher pusher, int pagerMaxBytes) {
        this.outgoing = outgoing;
        this.store = store;
        this.executor = executor;
        this.realm = realm;
        this.pusher = pusher;
        this.pagerMaxBytes = pagerMaxBytes;
    }

    /** {@code username} registered {@code contact}: what is kept for them goes there. */
    void registered(String username, String contact) {
        Run fresh = new Run(username, contact);
        Run running = runs.putIfAbsent(username, fresh);
        if (running != null) {
            running.again = contact;
            return;
        }
        executor.execute(fresh::nextPage);
    }

    /** How many users have a delivery running on this node. */
    int running() {
        return runs.size();
    }

    private final class Run {
        final String username;
        final String contact;
        final List<Long> acknowledged = new ArrayList<>();
        /** Messages the client cannot take (415): they stay kept, and the run goes on without them. */
        final java.util.Set<Long> refused = new java.util.HashSet<>();
        List<StoredMessageView> page = List.of();
        int next;
        volatile String again;

        Run(String username, String contact) {
            this.username = username;
            this.contact = contact;
        }

        void nextPage() {
            try {
                // what was taken before is forgotten by now: the page starts at the oldest kept
                page = store.pending(username, 0, PAGE + refused.size()).stream()
                        .filter(m -> !refused.contains(m.id())).limit(PAGE).toList();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The messages kept for " + username + " could not be read", e);
                finish();
                return;
            }
            next = 0;
            if (page.isEmpty()) {
                finish();
            } else {
                send();
            }
        }

        void send() {
            StoredMessageView message = page.get(next);
            if (pusher != null && message.body().length > pagerMaxBytes) {
                pushOverMsrp(message);
                return;
            }
            sendAsMessage(message);
        }

        /**
         * Fig 6: the store sets up an MSRP session with the contact (INVITE with our offer), hands
         * the message over it and ends it. A contact that takes no MSRP session (488, 415, 405, 501,
         * 606) gets the message as a MESSAGE instead.
         */
        void pushOverMsrp(StoredMessageView message) {
            String ours;
            try {
                ours = pusher.open(username);
            } catch (RuntimeException e) {
                sendAsMessage(message);
                return;
            }
            try {
                Address from = outgoing.addresses().createAddress("sip:deferred@" + realm);
                Address to = outgoing.addresses().createAddress("sip:" + username + "@" + realm);
                byte[] offer = dev.liaison.sip.control.MsrpOffer.offer(ours, pusher.host(), pusher.port(),
                        System.currentTimeMillis() / 1000, List.of("message/cpim", "text/plain"))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                outgoing.invite(contact, from, to, offer, (session, status) -> {
                    if (session == null) {
                        pusher.close(ours);
                        if (List.of(488, 415, 405, 501, 606).contains(status)) {
                            sendAsMessage(message);
                        } else {
                            answered(message, status);
                        }
                        return;
                    }
                    var answer = dev.liaison.sip.control.MsrpOffer.read(new String(session.answer().getRawContent(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    if (answer.isEmpty()) {
                        outgoing.bye(session);
                        pusher.close(ours);
                        answered(message, 488);
                        return;
                    }
                    pusher.push(ours, answer.get().path(), message).whenComplete((ok, failure) -> {
                        outgoing.bye(session);
                        pusher.close(ours);
                        answered(message, Boolean.TRUE.equals(ok) ? 200 : OutgoingRequests.TIMED_OUT);
                    });
                });
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Stored message " + message.id() + " for " + username + " cannot be offered over MSRP", e);
                pusher.close(ours);
                executor.execute(this::finish);
            }
        }

        void sendAsMessage(StoredMessageView message) {
            try {
                Address from = outgoing.addresses().createAddress(message.sender());
                Address to = outgoing.addresses().createAddress("sip:" + username + "@" + realm);
                ContentTypeHeader type = (ContentTypeHeader) outgoing.headers().createHeader(ContentTypeHeader.NAME,
                        message.contentType());
                Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
                date.setTimeInMillis(message.receivedAt().toEpochMilli());
                List<Header> extra = List.of(outgoing.headers().createDateHeader(date));
                outgoing.message(contact, from, to, "liaison-stored-" + message.id() + "@" + realm, type, message.body(), extra,
                        status -> answered(message, status));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Stored message " + message.id() + " for " + username + " cannot be sent", e);
                finish();
            }
        }

        void answered(StoredMessageView message, int status) {
            if (status == 415 && refused.size() < PAGE) {
                // the client takes no such content (baresip takes only text/plain): the message stays
                // kept for another client or the web, and the ones after it are not held back
                LOG.fine(() -> "The contact of " + username + " cannot take stored message " + message.id() + " (415)");
                refused.add(message.id());
                next++;
                if (next < page.size()) {
                    send();
                } else {
                    executor.execute(() -> {
                        if (flushed()) {
                            nextPage();
                        } else {
                            finish();
                        }
                    });
                }
                return;
            }
            if (status < 200 || status >= 300) {
                LOG.fine(() -> "The contact of " + username + " answered " + status + " to stored message " + message.id());
                executor.execute(this::finish);
                return;
            }
            acknowledged.add(message.id());
            next++;
            boolean flush = acknowledged.size() >= ACK_BATCH;
            boolean pageDone = next >= page.size();
            if (!flush && !pageDone) {
                send();
                return;
            }
            executor.execute(() -> {
                if (!flushed()) {
                    finish();
                } else if (pageDone) {
                    nextPage();
                } else {
                    send();
                }
            });
        }

        /** Tells the store what was taken; false if it could not be told (the run stops, the next one sends them again). */
        boolean flushed() {
            if (acknowledged.isEmpty()) {
                return true;
            }
            try {
                store.delivered(username, List.copyOf(acknowledged));
                acknowledged.clear();
                return true;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Delivered messages of " + username + " could not be forgotten", e);
                return false;
            }
        }

        void finish() {
            flushed();
            runs.remove(username, this);
            String contactAgain = again;
            if (contactAgain != null) {
                registered(username, contactAgain);
            }
        }
    }
}

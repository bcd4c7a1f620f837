package dev.liaison.sip.boundary;

import dev.liaison.im.boundary.OfflineMessage;
import dev.liaison.im.boundary.StoreResult;
import dev.liaison.sip.control.BodyCodings;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.MessageMessages.Deposit;
import dev.liaison.sip.control.MessageMessages.Outcome;
import dev.liaison.sip.control.PeerDomains;

import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pager-mode MESSAGE (RFC 3428) from a local user to a user of this domain. After the
 * dispatcher's first checks: a body with its Content-Type (400 without), digest authentication,
 * the sender's From must be the authenticated user (403), the Request-URI a user of this domain
 * (403 "no relay" otherwise: this server relays for no other domain). The message then goes to
 * the core in its user's lane of the {@link HandOff}:
 * <ul>
 *   <li>a recipient with registered contacts gets it relayed to each of them at once (forking);
 *       the first 2xx answers the sender {@code 200}, or {@code 202} when the sender may not see
 *       the recipient's presence; if none takes it within {@code liaison.im.fork-seconds}, it is
 *       kept as for an offline recipient;</li>
 *   <li>a recipient without contacts (or unknown: the same answer) has it kept by the offline
 *       store, and the sender gets {@code 202 Accepted} once the store committed it;</li>
 *   <li>a full store answers {@code 480 Offline message store full}, a message larger than one
 *       stored message may be {@code 513}; a store that failed {@code 500} (send again).</li>
 * </ul>
 * The body and its content type reach the recipient exactly as they came; a body sent with a
 * Content-Encoding ({@code gzip}, {@code deflate}, as linphone compresses its IMDN reports) is
 * decoded first and goes on, and is kept, as its identity, since the header does not travel with
 * it; an unknown coding is a {@code 415} with the Accept-Encoding it may use instead. An
 * {@code Expires} header asks the store to give the message up after that many seconds (at most
 * the store's own limit); the sender, when a local user, is then told it expired.
 */
final class MessageHandler implements MethodHandler {

    private static final Logger LOG = Logger.getLogger(MessageHandler.class.getName());

    /** The headers a MESSAGE reads (with their compact forms): unreadable, they are a 400. */
    static final Set<String> READS = Set.of("Content-Type", "c", "Content-Encoding", "e", "Require", "Authorization", "To", "t",
            "From", "f", "Expires");

    /** The most bytes a compressed body may have once decoded. */
    private static final int MAX_DECODED = 16 * 1024 * 1024;

    /** The reason phrase of a refusal because the recipient's store is full. */
    static final String STORE_FULL = "Offline message store full";

    /** A MESSAGE waiting for the core's answer. */
    record Pending(ServerTransaction transaction, Request request, OfflineMessage message, String correlation) {

        /** A MESSAGE of a local sender: no other server's leg to record. */
        Pending(ServerTransaction transaction, Request request, OfflineMessage message) {
            this(transaction, request, message, null);
        }
    }

    private final Responses responses;
    private final Senders senders;
    private final OutgoingRequests outgoing;
    private final ScheduledExecutorService timer;
    private final long forkMillis;
    private final HandOff<Pending, Deposit, Outcome> lanes;
    private final String groupsHost;
    private final java.util.function.BiConsumer<String, String> deliverNow;
    private final PeerDomains peers;
    private final String realm;
    private final HopLog hops;

    /**
     * @param senders    who sends, and whether we take it
     * @param forkMillis how long a relayed MESSAGE waits for one of the recipient's contacts to take it
     */
    MessageHandler(Responses responses, Senders senders, OutgoingRequests outgoing,
                   ScheduledExecutorService timer, long forkMillis, String groupsHost,
                   java.util.function.BiConsumer<String, String> deliverNow, PeerDomains peers, String realm, HopLog hops,
                   HandOffs<Pending, Deposit, Outcome> core) {
        this.hops = hops;
        this.peers = peers;
        this.realm = realm;
        this.responses = responses;
        this.senders = senders;
        this.outgoing = outgoing;
        this.timer = timer;
        this.forkMillis = forkMillis;
        this.lanes = core.make(this::answer, this::fail);
        this.groupsHost = groupsHost.toLowerCase(Locale.ROOT);
        this.deliverNow = deliverNow;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) throws Exception {
        byte[] body = request.getRawContent();
        ContentTypeHeader contentType = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0) {
            responses.respond(transaction, request, Response.BAD_REQUEST, "A MESSAGE needs a body");
            return;
        }
        if (contentType == null) {
            responses.respond(transaction, request, Response.BAD_REQUEST, "Missing Content-Type");
            return;
        }
        URI target = request.getRequestURI();
        if (!(target instanceof SipURI sip) || sip.getUser() == null || sip.getUser().isEmpty()) {
            responses.respond(transaction, request, Response.NOT_FOUND, "No such user here");
            return;
        }
        String host = sip.getHost().toLowerCase(Locale.ROOT);
        boolean toGroup = groupsHost.equals(host);
        Senders.Sender who = senders.identify(transaction, request, sip, toGroup || senders.ours(host), true, body);
        if (who == null) {
            return;
        }
        String username = who.username();
        SipURI fromUri = who.from();
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        byte[] content = decoded(transaction, request, body);
        if (content != null && who.onward().isPresent()) {
            relayToPeer(transaction, request, who.onward().get(), contentType, content, username);
            return;
        }
        if (content == null) {
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        Address sender = (Address) from.getAddress().clone();
        if (toGroup) {
            // members see who wrote, and their reply goes to the group
            sender = responses.addresses().createAddress(username, (SipURI) sip.clone());
        } else if (username == null) {
            // a peer's group IM server hands us its member's copy: it shows the group
            sender = PeerGroups.shownSender(request, fromUri, responses.addresses()).orElse(sender);
        }
        Instant now = Instant.now();
        ExpiresHeader expires = request.getExpires();
        OfflineMessage message = new OfflineMessage(sip.getUser(), sender.toString(), username, contentValue(contentType),
                content, "sip|" + fromUri.getUser() + "@" + fromUri.getHost() + "|" + callId + "|" + cseq, "sip", now,
                expires == null ? null : now.plusSeconds(Math.max(1, expires.getExpires())));
        Deposit deposit = toGroup ? new Deposit(message, true, sip.getUser()) : new Deposit(message, false);
        Pending pending = new Pending(transaction, request, message, username == null ? HopLog.correlationOf(request) : null);
        if (!lanes.submit(pending, deposit)) {
            overloaded(pending);
        }
    }

    /**
     * The sending IM server's hop to another domain: the MESSAGE goes on to the peer's server,
     * signed for our domain, and the sender gets the peer's answer ({@code 202} only once the peer
     * answered {@code 202}: it kept the message), or {@code 504} when the peer did not answer.
     */
    private void relayToPeer(ServerTransaction transaction, Request request, dev.liaison.platform.PeerRoutes.Route peer, ContentTypeHeader type,
                             byte[] content, String sender) throws Exception {
        String correlation = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        SipURI target = (SipURI) request.getRequestURI();
        List<Header> extra = new ArrayList<>();
        extra.add(responses.headers().createHeader(HopLog.HEADER, correlation));
        extra.add(responses.headers().createHeader(PeerDomains.HEADER,
                peers.sign(realm, peer.domain(), PeerRequests.signed(request, content), System.currentTimeMillis() / 1000)));
        if (request.getExpires() != null) {
            extra.add((Header) request.getExpires().clone());
        }
        outgoing.relay(request, peer.routeUri(), (ContentTypeHeader) type.clone(), content, extra, (status, response) -> {
            int answered = response == null ? Response.SERVER_TIMEOUT : status;
            responses.respond(transaction, request, answered, response == null ? peer.domain() + " did not answer"
                    : response.getReasonPhrase());
            hops.record(HopLog.RELAYED, sender, HopLog.detail(correlation, Request.MESSAGE, peer.domain(),
                    target.getUser() + "@" + target.getHost(), answered));
        });
    }

    /** The body without its Content-Encoding, or null once the request was refused. */
    private byte[] decoded(ServerTransaction transaction, Request request, byte[] body) throws Exception {
        List<String> codings = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ContentEncodingHeader.NAME); it.hasNext(); ) {
            codings.add(((ContentEncodingHeader) it.next()).getEncoding());
        }
        if (codings.isEmpty()) {
            return body;
        }
        try {
            Optional<byte[]> decoded = BodyCodings.decode(String.join(",", codings), body, MAX_DECODED);
            if (decoded.isEmpty()) {
                List<Header> accepted = new ArrayList<>();
                for (String coding : BodyCodings.ACCEPTED) {
                    accepted.add(responses.headers().createAcceptEncodingHeader(coding));
                }
                responses.respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Encoding",
                        accepted.toArray(Header[]::new));
                return null;
            }
            return decoded.get();
        } catch (BodyCodings.Undecodable e) {
            if (e.tooLarge()) {
                responses.respond(transaction, request, Response.MESSAGE_TOO_LARGE, "Larger than a stored message may be");
            } else {
                responses.respond(transaction, request, Response.BAD_REQUEST, "Body is not in its Content-Encoding");
            }
            return null;
        }
    }

    /** The Content-Type header's value as written: type, subtype and parameters. */
    static String contentValue(ContentTypeHeader header) {
        String text = header.toString().strip();
        return text.substring(text.indexOf(':') + 1).strip();
    }

    /** The core's answer: contacts to offer the message to, or what the store made of it. */
    private void answer(Pending waiting, Outcome outcome) {
        if (outcome.stored() != null) {
            answerStored(waiting, outcome.stored(), outcome.deliverNow());
        } else if (outcome.contacts().isEmpty()) {
            keep(waiting);
        } else {
            fork(waiting, outcome.contacts(), outcome.reveal());
        }
    }

    private void answerStored(Pending waiting, StoreResult result, List<String> now) {
        for (String entry : now) {
            int tab = entry.indexOf('\t');
            deliverNow.accept(entry.substring(0, tab), entry.substring(tab + 1));
        }
        if (result.outcome() == StoreResult.Outcome.NOT_A_MEMBER) {
            respond(waiting, Response.FORBIDDEN, "Not a member of this group");
        } else if (result.accepted()) {
            respond(waiting, Response.ACCEPTED, null);
        } else if (result.outcome() == StoreResult.Outcome.QUOTA_EXCEEDED) {
            respond(waiting, Response.TEMPORARILY_UNAVAILABLE, STORE_FULL);
        } else if (result.outcome() == StoreResult.Outcome.TOO_LARGE) {
            respond(waiting, Response.MESSAGE_TOO_LARGE, "Larger than a stored message may be");
        } else {
            fail(waiting);
        }
    }

    /** Answers a MESSAGE the core decided on; one a peer's server brought is recorded as its leg. */
    private void respond(Pending waiting, int status, String reason, Header... extra) {
        responses.respond(waiting.transaction(), waiting.request(), status, reason, extra);
        if (waiting.correlation() != null) {
            SipURI from = (SipURI) ((FromHeader) waiting.request().getHeader(FromHeader.NAME)).getAddress().getURI();
            hops.record(HopLog.RECEIVED, waiting.message().recipient(), HopLog.detail(waiting.correlation(), Request.MESSAGE,
                    from.getHost(), from.getUser() + "@" + from.getHost(), status));
        }
    }

    /** No contact took it: it goes to the offline store. */
    private void keep(Pending waiting) {
        if (!lanes.submit(waiting, new Deposit(waiting.message(), true))) {
            overloaded(waiting);
        }
    }

    /** Relays the message to every contact at once; the first 2xx answers the sender, no 2xx in time keeps it. */
    private void fork(Pending waiting, List<String> contacts, boolean reveal) {
        AtomicBoolean settled = new AtomicBoolean();
        AtomicInteger left = new AtomicInteger(contacts.size());
        Request request = waiting.request();
        Address from = shown(waiting);
        Address to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress();
        ContentTypeHeader contentType = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        timer.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                keep(waiting);
            }
        }, forkMillis, TimeUnit.MILLISECONDS);
        for (String contact : contacts) {
            outgoing.message(contact, from, to, UUID.randomUUID() + "@liaison", (ContentTypeHeader) contentType.clone(),
                    waiting.message().body(), List.<Header>of(), status -> {
                        if (status >= 200 && status < 300) {
                            if (settled.compareAndSet(false, true)) {
                                respond(waiting, reveal ? Response.OK : Response.ACCEPTED, null);
                            }
                        } else if (left.decrementAndGet() == 0 && settled.compareAndSet(false, true)) {
                            LOG.fine(() -> "No contact of " + waiting.message().recipient() + " took a MESSAGE: it is kept");
                            keep(waiting);
                        }
                    });
        }
    }

    /** Whom the recipient's contacts see the message from: as it is kept (a peer's group copy shows the group). */
    private Address shown(Pending waiting) {
        try {
            return responses.addresses().createAddress(waiting.message().sender());
        } catch (java.text.ParseException e) {
            return ((FromHeader) waiting.request().getHeader(FromHeader.NAME)).getAddress();
        }
    }

    /** The core could not answer: the client may send it again. */
    private void fail(Pending waiting) {
        respond(waiting, Response.SERVER_INTERNAL_ERROR, "Message not stored, retry");
    }

    /** Too many MESSAGEs wait for the core: this one is refused for now (RFC 3261 §21.5.4). */
    private void overloaded(Pending waiting) {
        try {
            respond(waiting, Response.SERVICE_UNAVAILABLE, "Message store busy, retry",
                    responses.headers().createRetryAfterHeader(1 + ThreadLocalRandom.current().nextInt(5)));
        } catch (javax.sip.InvalidArgumentException e) {
            LOG.log(Level.FINE, "no Retry-After", e);
            respond(waiting, Response.SERVICE_UNAVAILABLE, "Message store busy, retry");
        }
    }

    /** The core committed (or refused) the MESSAGEs of batch {@code batchId}. */
    void complete(String batchId, List<HandOff.Entry<Outcome>> answers) {
        lanes.complete(batchId, answers);
    }

    void expireWaiting() {
        lanes.expire();
    }

    /** Whether a CANCEL names a MESSAGE still waiting for the core. */
    boolean isPending(Request cancel) {
        return lanes.anyWaiting(p -> RegisterHandler.cancels(cancel, p.request()));
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.MsrpOffer;
import dev.liaison.sip.control.PeerDomains;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;

/**
 * An INVITE that sets up an MSRP session (RFC 4975) with a user of this domain: the seed's
 * session mode. After the dispatcher's
 * first checks: an SDP offer with an {@code m=message … TCP/MSRP} line (488 without one: this
 * server sets up no other media), the Request-URI a user of this domain (403 "no relay"),
 * digest authentication, the From the authenticated user (403). Then:
 * <ul>
 *   <li>a recipient with registered contacts is offered the session: the INVITE goes on to each
 *       contact at once with an offer naming our MSRP URI (the receiving IM server stays in the
 *       path); the first to answer 2xx gets the session, the others a CANCEL (or a BYE when their
 *       2xx crossed it), and the caller is answered {@code 200} with our other URI once we are
 *       connected to the callee; what either side sends then passes through the MSRP edge;</li>
 *   <li>a recipient without contacts, or whose contacts all refused or stayed silent for
 *       {@code liaison.im.fork-seconds}, has the offline store answer: {@code 200} with the SDP
 *       answer whose {@code a=path} is a new deposit session of the MSRP edge; the sender then
 *       connects and SENDs, and each chunk is answered once it is kept.</li>
 * </ul>
 * A user who does not exist is answered as an offline one (nothing is kept for them), so the
 * answer tells nothing of who exists. BYE from either side ends the session ({@link #bye}) and goes
 * on to the other side of a relayed one; what a deposit session left for a recipient who is
 * registered then goes to the recipient's contact, as kept messages do on registration.
 *
 * <p>An INVITE to the offline store itself, {@code sip:deferred@<domain>}, is the caller asking for
 * the messages kept for them (all, or those of {@code ;ids=12,15}): once the caller's first MSRP
 * request binds the connection, the store sends them over it in order, each in CPIM with its
 * original sender and time, and forgets each on its {@code 200}.
 */
final class InviteHandler implements MethodHandler {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(InviteHandler.class.getName());

    /** The user part of the offline store's own address: an INVITE to it takes the caller's kept messages. */
    static final String DEFERRED = "deferred";

    /** The headers an INVITE reads (with their compact forms): unreadable, they are a 400. */
    static final Set<String> READS = Set.of("Content-Type", "c", "Require", "Authorization", "To", "t", "From", "f",
            "Contact", "m");

    /** Our two MSRP URIs of a relayed session: the caller's side (the answer's path) and the callee's (our offer's). */
    record Legs(String callerSide, String calleeSide) {
    }

    /**
     * Where a session goes on to: a registered contact, or another domain's server ({@code target}
     * the recipient's URI, {@code route} that server, {@code sign} the peer signature of the INVITE).
     */
    private record Hop(String target, String route, java.util.function.Function<Request, List<Header>> sign) {

        static Hop contact(String uri) {
            return new Hop(uri, null, null);
        }
    }

    /** A session passed on to a contact: both dialogs and our caller-side URI. */
    private record Relayed(String callerSide, javax.sip.Dialog callerDialog, OutgoingRequests.Session callee,
                           String callerCallId, String calleeCallId) {
    }

    /** What an INVITE needs to know of the rest of the application, looked up off the SIP thread. */
    interface Lookups {
        /** The registered contacts of {@code user}. */
        java.util.concurrent.CompletionStage<List<String>> contactsOf(String user);

        /** Whom a message from {@code sender} to {@code group} goes to; empty when the sender is no member. */
        java.util.concurrent.CompletionStage<java.util.Optional<List<String>>> membersOf(String group, String sender);
    }

    /** Opens the MSRP edge's sessions: deposits, retrievals and relays. */
    interface Sessions {
        String openDeposit(String recipient, String sender, String senderUser);

        /** Opens a session whose messages are kept for each of {@code members}: our MSRP URI. */
        String openGroupDeposit(String group, List<String> members, String sender, String senderUser);

        /** Opens a session over which {@code user} takes their kept messages ({@code ids}, or all): our MSRP URI. */
        String openRetrieval(String user, List<String> peerPath, Set<Long> ids);

        /** Opens a relay for a caller whose offer named {@code callerPath}. */
        Legs openRelay(List<String> callerPath);

        /** Connects the relay's callee side to the callee's answered path; completes with whether it worked. */
        java.util.concurrent.CompletionStage<Boolean> connectRelay(String calleeSide, List<String> calleePath);

        void close(String localUri);

        boolean isOpen(String localUri);
    }

    private final SipProvider provider;
    private final Responses responses;
    private final Senders senders;
    private final Sessions sessions;
    private final String msrpHost;
    private final int msrpPort;
    /** Our MSRP URI of each dialog this node answered, by Call-ID. */
    private final Map<String, String> byCallId = new ConcurrentHashMap<>();
    /** The recipient of each deposit session (by our MSRP URI), told when the session ends. */
    private final Map<String, String> recipients = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<String> depositEnded;
    /** Relayed sessions, under the Call-ID of each of their two dialogs. */
    private final Map<String, Relayed> relayed = new ConcurrentHashMap<>();
    /** The INVITEs being offered on (to contacts or a peer's server) with how to end each, by {@link #offerKey}. */
    private final Map<String, Runnable> offering = new ConcurrentHashMap<>();
    private final Lookups lookups;
    private final String groupsHost;
    private final PeerDomains peers;
    private final String realm;
    private final HopLog hops;
    private final OutgoingRequests outgoing;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final long forkMillis;

    /**
     * @param depositEnded hears the recipient of a deposit session that ended with BYE: what was
     *                     left for them may go to their contact now
     * @param groupsHost   the host of group addresses, {@code groups.<domain>}
     * @param forkMillis   how long the contacts have to take a session before it goes to the store
     */
    InviteHandler(SipProvider provider, Responses responses, Senders senders, Sessions sessions, String msrpHost, int msrpPort, java.util.function.Consumer<String> depositEnded,
                  Lookups lookups, String groupsHost, PeerDomains peers, String realm, HopLog hops,
                  OutgoingRequests outgoing, java.util.concurrent.ScheduledExecutorService timer, long forkMillis) {
        this.peers = peers;
        this.realm = realm;
        this.hops = hops;
        this.depositEnded = depositEnded;
        this.lookups = lookups;
        this.groupsHost = groupsHost.toLowerCase(Locale.ROOT);
        this.outgoing = outgoing;
        this.timer = timer;
        this.forkMillis = forkMillis;
        this.provider = provider;
        this.responses = responses;
        this.senders = senders;
        this.sessions = sessions;
        this.msrpHost = msrpHost;
        this.msrpPort = msrpPort;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) throws Exception {
        byte[] body = request.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        boolean sdp = type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
        var offer = sdp && body != null ? MsrpOffer.read(new String(body, StandardCharsets.UTF_8)) : java.util.Optional.<MsrpOffer>empty();
        if (offer.isEmpty()) {
            responses.respond(transaction, request, Response.NOT_ACCEPTABLE_HERE, "Only MSRP sessions are set up here");
            return;
        }
        URI target = request.getRequestURI();
        if (!(target instanceof SipURI sip) || sip.getUser() == null || sip.getUser().isEmpty()) {
            responses.respond(transaction, request, Response.NOT_FOUND, "No such user here");
            return;
        }
        String host = sip.getHost().toLowerCase(Locale.ROOT);
        boolean toGroup = groupsHost.equals(host);
        // users of other domains set up sessions with our users only: not with groups or the store yet
        Senders.Sender who = senders.identify(transaction, request, sip, toGroup || senders.ours(host),
                !toGroup && !DEFERRED.equals(sip.getUser()), body);
        if (who == null) {
            return;
        }
        String username = who.username();
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        if (who.onward().isPresent()) {
            // the sending IM server's hop: the session goes on to the recipient's domain, through us
            responses.respondTagged(transaction, request, Response.TRYING, null, tag);
            dev.liaison.platform.PeerRoutes.Route route = who.onward().get();
            String correlation = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            Hop hop = new Hop(sip.toString(), route.routeUri(), outgoing -> List.of(correlation(correlation),
                    signature(route, outgoing)));
            java.util.function.IntConsumer leg = status -> hops.record(HopLog.RELAYED, username, HopLog.detail(correlation,
                    Request.INVITE, route.domain(), sip.getUser() + "@" + sip.getHost(), status));
            relay(transaction, request, offer.get(), tag, List.of(hop), 2 * forkMillis + 5_000, status -> {
                boolean silent = status == OutgoingRequests.TIMED_OUT || status == OutgoingRequests.UNREACHABLE;
                int answered = silent ? Response.SERVER_TIMEOUT : status;
                responses.respond(transaction, request, answered, silent ? route.domain() + " did not answer" : null);
                leg.accept(answered);
            }, () -> leg.accept(Response.OK));
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (DEFERRED.equals(sip.getUser())) {
            Set<Long> ids = ids(sip.getParameter("ids"));
            if (ids == null) {
                responses.respond(transaction, request, Response.BAD_REQUEST, "ids must be message ids separated by commas");
                return;
            }
            String ours = sessions.openRetrieval(username, offer.get().path(), ids);
            byCallId.put(callId, ours);
            if (accept(transaction, request, offer.get(), ours, tag) == null) {
                byCallId.remove(callId);
            }
            return;
        }
        String recipient = sip.getUser();
        responses.respondTagged(transaction, request, Response.TRYING, null, tag);
        if (toGroup) {
            // members see who wrote, and their replies go to the group
            String sender = responses.addresses().createAddress(username, (SipURI) sip.clone()).toString();
            lookups.membersOf(recipient, username).whenComplete((members, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "The members of group " + recipient + " could not be read", failure);
                    responses.respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "Group not readable, retry");
                } else if (members.isEmpty()) {
                    responses.respond(transaction, request, Response.FORBIDDEN, "Not a member of this group");
                } else {
                    groupDeposit(transaction, request, offer.get(), recipient, members.get(), sender, username, tag);
                }
            });
            return;
        }
        String sender = from.getAddress().toString();
        lookups.contactsOf(recipient).whenComplete((contacts, failure) -> {
            if (failure != null || contacts == null || contacts.isEmpty()) {
                deposit(transaction, request, offer.get(), recipient, sender, username, tag);
            } else {
                relay(transaction, request, offer.get(), tag, contacts.stream().map(Hop::contact).toList(), forkMillis,
                        status -> {
                            if (status == Response.REQUEST_TERMINATED) {
                                responses.respond(transaction, request, status, null);
                            } else {
                                deposit(transaction, request, offer.get(), recipient, sender, username, tag);
                            }
                        }, () -> { });
            }
        });
    }

    /** The offline store takes the session: what is sent on it is kept for {@code recipient}. */
    private void deposit(ServerTransaction transaction, Request request, MsrpOffer offer, String recipient, String sender,
                         String senderUser, String tag) {
        String ours;
        try {
            ours = sessions.openDeposit(recipient, sender, senderUser);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "No MSRP session could be opened for " + recipient, e);
            responses.respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "No MSRP session, retry");
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        recipients.put(ours, recipient);
        byCallId.put(callId, ours);
        if (accept(transaction, request, offer, ours, tag) == null) {
            byCallId.remove(callId);
            recipients.remove(ours);
        }
    }

    /** The group IM server takes the session: what is sent on it is kept for each member. */
    private void groupDeposit(ServerTransaction transaction, Request request, MsrpOffer offer, String group, List<String> members,
                              String sender, String senderUser, String tag) {
        String ours;
        try {
            ours = sessions.openGroupDeposit(group, members, sender, senderUser);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "No MSRP session could be opened for group " + group, e);
            responses.respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "No MSRP session, retry");
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        byCallId.put(callId, ours);
        if (accept(transaction, request, offer, ours, tag) == null) {
            byCallId.remove(callId);
        }
    }

    /** The header carrying the correlation id of a request's legs between domains. */
    private Header correlation(String id) {
        try {
            return responses.headers().createHeader(HopLog.HEADER, id);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a Call-ID is a header value", e);
        }
    }

    /** The header by which our domain vouches for {@code outgoing}, a request to {@code peer}'s server. */
    private Header signature(dev.liaison.platform.PeerRoutes.Route peer, Request outgoing) {
        try {
            return responses.headers().createHeader(PeerDomains.HEADER, peers.sign(realm, peer.domain(),
                    PeerRequests.signed(outgoing, outgoing.getRawContent()), System.currentTimeMillis() / 1000));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a peer signature is a header value", e);
        }
    }

    /**
     * Offers the session to each of {@code hops} at once (a user's contacts, or another domain's
     * server), our callee-side URI in the offer; the first 2xx gets it, once we are connected to its
     * MSRP path, and the caller is answered with our caller-side URI. No 2xx within
     * {@code waitMillis}, or none connected: {@code otherwise} hears the last status (the store
     * takes the session, or the caller hears the peer's refusal); {@code onConnected} runs once the
     * caller was answered. A CANCEL from the caller before then ({@link #cancel}) cancels every
     * offer and {@code otherwise} hears {@code 487}.
     */
    private void relay(ServerTransaction transaction, Request request, MsrpOffer offer, String tag, List<Hop> nextHops,
                       long waitMillis, java.util.function.IntConsumer otherwise, Runnable onConnected) {
        Legs legs;
        try {
            legs = sessions.openRelay(offer.path());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "No MSRP relay could be opened", e);
            otherwise.accept(Response.SERVER_INTERNAL_ERROR);
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
        String key = offerKey(request);
        java.util.function.BooleanSupplier settle = () -> {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            offering.remove(key);
            return true;
        };
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(nextHops.size());
        List<Runnable> cancels = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.IntConsumer toStore = status -> {
            cancels.forEach(Runnable::run);
            sessions.close(legs.callerSide());
            otherwise.accept(status);
        };
        javax.sip.address.Address from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress();
        javax.sip.address.Address to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress();
        byte[] ourOffer = MsrpOffer.offer(legs.calleeSide(), msrpHost, msrpPort, System.currentTimeMillis() / 1000,
                offer.acceptTypes()).getBytes(StandardCharsets.UTF_8);
        var deadline = timer.schedule(() -> {
            if (settle.getAsBoolean()) {
                LOG.fine(() -> "No hop took an MSRP session for " + to + " in time");
                toStore.accept(OutgoingRequests.TIMED_OUT);
            }
        }, waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        offering.put(key, () -> {
            if (settle.getAsBoolean()) {
                deadline.cancel(false);
                toStore.accept(Response.REQUEST_TERMINATED);
            }
        });
        for (Hop hop : nextHops) {
            cancels.add(outgoing.invite(hop.target(), hop.route(), from, to, ourOffer, hop.sign(), (callee, status) -> {
                if (callee == null) {
                    if (left.decrementAndGet() == 0 && settle.getAsBoolean()) {
                        deadline.cancel(false);
                        toStore.accept(status);
                    }
                    return;
                }
                if (!settle.getAsBoolean()) {
                    outgoing.bye(callee);
                    return;
                }
                deadline.cancel(false);
                cancels.forEach(Runnable::run);
                var answer = MsrpOffer.read(callee.answer().getRawContent() == null ? null
                        : new String(callee.answer().getRawContent(), StandardCharsets.UTF_8));
                if (answer.isEmpty()) {
                    outgoing.bye(callee);
                    sessions.close(legs.callerSide());
                    otherwise.accept(Response.NOT_ACCEPTABLE_HERE);
                    return;
                }
                sessions.connectRelay(legs.calleeSide(), answer.get().path()).whenComplete((connected, failure) -> {
                    if (!Boolean.TRUE.equals(connected)) {
                        outgoing.bye(callee);
                        sessions.close(legs.callerSide());
                        otherwise.accept(OutgoingRequests.UNREACHABLE);
                        return;
                    }
                    javax.sip.Dialog dialog = accept(transaction, request, offer, legs.callerSide(), tag);
                    if (dialog == null) {
                        outgoing.bye(callee);
                        sessions.close(legs.callerSide());
                        return;
                    }
                    String callerCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
                    String calleeCallId = callee.dialog().getCallId().getCallId();
                    Relayed session = new Relayed(legs.callerSide(), dialog, callee, callerCallId, calleeCallId);
                    relayed.put(callerCallId, session);
                    relayed.put(calleeCallId, session);
                    onConnected.run();
                });
            }));
        }
    }

    /**
     * Answers the INVITE {@code 200} with the SDP answer naming {@code ours}; returns the dialog, or
     * null (the session closed) when the answer could not be sent.
     */
    private javax.sip.Dialog accept(ServerTransaction transaction, Request request, MsrpOffer offer, String ours, String tag) {
        javax.sip.Dialog dialog;
        Header contact;
        javax.sip.header.ContentTypeHeader sdp;
        try {
            // the dialog makes the stack resend the 200 over UDP until the ACK comes (RFC 3261 §13.3.1.4)
            dialog = provider.getNewDialog(transaction);
            ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
            contact = responses.headers().createContactHeader(responses.ourAddress(via.getTransport().toLowerCase(Locale.ROOT)));
            sdp = responses.headers().createContentTypeHeader("application", "sdp");
        } catch (javax.sip.SipException | java.text.ParseException e) {
            LOG.log(Level.FINE, "No dialog for an INVITE", e);
            sessions.close(ours);
            return null;
        }
        byte[] answer = offer.answer(ours, msrpHost, msrpPort, System.currentTimeMillis() / 1000)
                .getBytes(StandardCharsets.UTF_8);
        if (!responses.respondWithBody(transaction, request, Response.OK, tag, sdp, answer, contact)) {
            sessions.close(ours);
            return null;
        }
        SipURI from = (SipURI) ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        if (!senders.ours(from.getHost())) {
            // a session a peer's server brought: its leg here
            SipURI to = (SipURI) request.getRequestURI();
            hops.record(HopLog.RECEIVED, to.getUser(), HopLog.detail(HopLog.correlationOf(request), Request.INVITE,
                    from.getHost(), from.getUser() + "@" + from.getHost(), Response.OK));
        }
        return dialog;
    }

    /** What an INVITE and a CANCEL of it have in common (RFC 3261 §9.1): Call-ID, CSeq number and top Via branch. */
    private static String offerKey(Request request) {
        var via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId() + ' '
                + ((javax.sip.header.CSeqHeader) request.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber() + ' '
                + (via == null ? null : via.getBranch());
    }

    /** Whether {@code cancel} names an INVITE that is still being offered on. */
    boolean isOffering(Request cancel) {
        return offering.containsKey(offerKey(cancel));
    }

    /**
     * The caller gave up an INVITE still being offered on (its CANCEL was answered {@code 200}):
     * every offer made for it is cancelled and the INVITE is answered {@code 487}; nothing is kept.
     */
    void cancel(Request cancel) {
        Runnable end = offering.get(offerKey(cancel));
        if (end != null) {
            end.run();
        }
    }

    /** The message ids a retrieval asks for ({@code ;ids=12,15}): empty for all, null when they are not ids. */
    static Set<Long> ids(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Set.of();
        }
        try {
            return java.util.Arrays.stream(parameter.split(",")).map(String::strip).map(Long::valueOf)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A BYE: the dialog's session is over (200), or there is no such dialog here (481). */
    MethodHandler bye() {
        return (transaction, request) -> {
            String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            Relayed session = relayed.remove(callId);
            if (session != null) {
                relayed.remove(session.callerCallId());
                relayed.remove(session.calleeCallId());
                responses.respond(transaction, request, Response.OK, null);
                sessions.close(session.callerSide());
                // the BYE goes on to the other side
                outgoing.bye(callId.equals(session.callerCallId()) ? session.callee()
                        : new OutgoingRequests.Session(session.callerDialog(), null));
                return;
            }
            String ours = byCallId.remove(callId);
            if (ours == null) {
                responses.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
                return;
            }
            sessions.close(ours);
            responses.respond(transaction, request, Response.OK, null);
            String recipient = recipients.remove(ours);
            if (recipient != null) {
                depositEnded.accept(recipient);
            }
        };
    }

    /** How many sessions this node answered that are not over. */
    int open() {
        return byCallId.size() + relayed.size() / 2;
    }

    /** Forgets the dialogs whose MSRP session the edge ended on its own (idle too long). */
    void expire() {
        byCallId.values().removeIf(uri -> !sessions.isOpen(uri));
        recipients.keySet().removeIf(uri -> !sessions.isOpen(uri));
        relayed.values().removeIf(r -> !sessions.isOpen(r.callerSide()));
    }
}

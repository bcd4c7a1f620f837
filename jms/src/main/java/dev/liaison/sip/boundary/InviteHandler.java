package dev.liaison.sip.boundary;

import dev.liaison.sip.control.MsrpOffer;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
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

/**
 * An INVITE that sets up an MSRP session (RFC 4975) to leave messages for a user of this
 * domain: the offline-message server's side of the seed's session mode. After the dispatcher's
 * first checks: an SDP offer with an {@code m=message … TCP/MSRP} line (488 without one: this
 * server sets up no other media), the Request-URI a user of this domain (403 "no relay"),
 * digest authentication, the From the authenticated user (403). The answer is {@code 200} with
 * the SDP answer whose {@code a=path} is a new deposit session of the MSRP edge; the sender then
 * connects and SENDs, and each chunk is answered once it is kept. A user who does not exist is
 * answered the same way (nothing is kept for them), so the answer tells nothing of who exists or
 * is online. BYE ends the session ({@link #bye}); what it left for a recipient who is registered
 * then goes to the recipient's contact, as kept messages do on registration.
 *
 * <p>An INVITE to the offline store itself, {@code sip:deferred@<domain>}, is the caller asking for
 * the messages kept for them (all, or those of {@code ;ids=12,15}): once the caller's first MSRP
 * request binds the connection, the store sends them over it in order, each in CPIM with its
 * original sender and time, and forgets each on its {@code 200}.
 */
final class InviteHandler implements MethodHandler {

    /** The user part of the offline store's own address: an INVITE to it takes the caller's kept messages. */
    static final String DEFERRED = "deferred";

    /** The headers an INVITE reads (with their compact forms): unreadable, they are a 400. */
    static final Set<String> READS = Set.of("Content-Type", "c", "Require", "Authorization", "To", "t", "From", "f",
            "Contact", "m");

    /** Opens a deposit session: (recipient, sender address, sender user) → our MSRP URI. */
    interface Sessions {
        String openDeposit(String recipient, String sender, String senderUser);

        /** Opens a session over which {@code user} takes their kept messages ({@code ids}, or all): our MSRP URI. */
        String openRetrieval(String user, List<String> peerPath, Set<Long> ids);

        void close(String localUri);

        boolean isOpen(String localUri);
    }

    private final SipProvider provider;
    private final Responses responses;
    private final DigestAuthenticator authenticator;
    private final Sessions sessions;
    private final Set<String> ourHosts;
    private final String msrpHost;
    private final int msrpPort;
    /** Our MSRP URI of each dialog this node answered, by Call-ID. */
    private final Map<String, String> byCallId = new ConcurrentHashMap<>();
    /** The recipient of each deposit session (by our MSRP URI), told when the session ends. */
    private final Map<String, String> recipients = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<String> depositEnded;

    /**
     * @param depositEnded hears the recipient of a deposit session that ended with BYE: what was
     *                     left for them may go to their contact now
     */
    InviteHandler(SipProvider provider, Responses responses, DigestAuthenticator authenticator, Sessions sessions,
                  Set<String> ourHosts, String msrpHost, int msrpPort, java.util.function.Consumer<String> depositEnded) {
        this.depositEnded = depositEnded;
        this.provider = provider;
        this.responses = responses;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.ourHosts = Set.copyOf(ourHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
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
        if (!ourHosts.contains(sip.getHost().toLowerCase(Locale.ROOT))) {
            responses.respond(transaction, request, Response.FORBIDDEN, "No relay to " + sip.getHost());
            return;
        }
        String username = authenticator.authenticate(transaction, request);
        if (username == null) {
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        if (!(from.getAddress().getURI() instanceof SipURI fromUri) || !username.equals(fromUri.getUser())) {
            responses.respond(transaction, request, Response.FORBIDDEN, "From is not the authenticated user");
            return;
        }
        String ours;
        if (DEFERRED.equals(sip.getUser())) {
            Set<Long> ids = ids(sip.getParameter("ids"));
            if (ids == null) {
                responses.respond(transaction, request, Response.BAD_REQUEST, "ids must be message ids separated by commas");
                return;
            }
            ours = sessions.openRetrieval(username, offer.get().path(), ids);
        } else {
            ours = sessions.openDeposit(sip.getUser(), from.getAddress().toString(), username);
            recipients.put(ours, sip.getUser());
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        // the dialog makes the stack resend the 200 over UDP until the ACK comes (RFC 3261 §13.3.1.4)
        provider.getNewDialog(transaction);
        byte[] answer = offer.get().answer(ours, msrpHost, msrpPort, System.currentTimeMillis() / 1000)
                .getBytes(StandardCharsets.UTF_8);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        Header contact = responses.headers().createContactHeader(responses.ourAddress(via.getTransport().toLowerCase(Locale.ROOT)));
        byCallId.put(callId, ours);
        if (!responses.respondWithBody(transaction, request, Response.OK, tag,
                responses.headers().createContentTypeHeader("application", "sdp"), answer, contact)) {
            byCallId.remove(callId);
            recipients.remove(ours);
            sessions.close(ours);
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
            String ours = byCallId.remove(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
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
        return byCallId.size();
    }

    /** Forgets the dialogs whose MSRP session the edge ended on its own (idle too long). */
    void expire() {
        byCallId.values().removeIf(uri -> !sessions.isOpen(uri));
        recipients.keySet().removeIf(uri -> !sessions.isOpen(uri));
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.PublishRequest;
import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.PidfReader;
import dev.liaison.sip.control.PresenceDocument;
import dev.liaison.sip.control.RegistrationRules;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SIPIfMatchHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PUBLISH of the {@code presence} package (RFC 3903) to {@code sip:user@realm}, by that user only.
 * After the dispatcher's first checks, each with its own answer: Event (489 with Allow-Events when
 * it is missing or names another package, RFC 3903 §6 step 3), digest authentication (401), the presentity (404 outside the realm, 403 for another user's), no body and no
 * SIP-If-Match (400), an expiry below the minimum (423 with Min-Expires), the body (415 with
 * Accept unless PIDF, 400 with the reason unless a PIDF document about this user that says open or
 * closed). The request then goes to the compositor through the {@link HandOff} (in its user's
 * lane, 503 with Retry-After when too many wait), and the
 * final response (200 with SIP-ETag and Expires, 412 for an entity-tag that matches nothing in
 * force) is sent once the compositor has committed ({@link #complete}).
 */
final class PublishHandler implements MethodHandler {

    private static final Logger LOG = Logger.getLogger(PublishHandler.class.getName());

    static final String EVENT = "presence";
    /** The headers a PUBLISH reads (with their compact forms): unreadable, they are a 400. */
    static final List<String> READS = List.of("Expires", "Require", "Authorization", "Event", "o",
            "Content-Type", "c", "To", "t", "SIP-If-Match", "Contact", "m");

    /** A PUBLISH waiting for its committed answer. */
    record Pending(ServerTransaction transaction, Request request) {
    }

    private final Responses responses;
    private final DigestAuthenticator authenticator;
    private final HeaderFactory headers;
    private final String realm;
    private final RegistrationRules expiry;
    private final HandOff<Pending, PublishRequest, PublishResult> compositor;

    /**
     * @param compositor makes the hand-off to the compositor, given where its answers and failures go
     */
    PublishHandler(Responses responses, DigestAuthenticator authenticator, String realm, RegistrationRules expiry,
                   HandOffs<Pending, PublishRequest, PublishResult> compositor) {
        this.responses = responses;
        this.authenticator = authenticator;
        this.headers = responses.headers();
        this.realm = realm;
        this.expiry = expiry;
        this.compositor = compositor.make(this::complete, waiting -> fail(waiting.transaction(), waiting.request()));
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) throws Exception {
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null || !EVENT.equals(event.getEventType())) {
            responses.respond(transaction, request, Response.BAD_EVENT, null, headers.createAllowEventsHeader(EVENT));
            return;
        }
        URI target = request.getRequestURI();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        String username = authenticator.authenticate(transaction, request);
        if (username == null) {
            return;
        }
        SipURI presentity = (SipURI) target;
        if (presentity.getUser() == null || !realm.equalsIgnoreCase(presentity.getHost())) {
            responses.respond(transaction, request, Response.NOT_FOUND, "Not a presentity of " + realm);
            return;
        }
        if (!username.equals(presentity.getUser()) || !username.equals(((SipURI) to.getAddress().getURI()).getUser())) {
            // only the user publishes their own state
            responses.respond(transaction, request, Response.FORBIDDEN, null);
            return;
        }
        SIPIfMatchHeader ifMatch = (SIPIfMatchHeader) request.getHeader(SIPIfMatchHeader.NAME);
        String etag = ifMatch == null || ifMatch.getETag() == null || ifMatch.getETag().isBlank() ? null : ifMatch.getETag().strip();
        byte[] body = request.getRawContent();
        boolean hasBody = body != null && body.length > 0;
        if (!hasBody && etag == null) {
            // RFC 3903 §6 step 4: a refresh names the publication it refreshes
            responses.respond(transaction, request, Response.BAD_REQUEST, "PUBLISH without body needs SIP-If-Match");
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = expiry.granted(expiresHeader == null ? -1 : expiresHeader.getExpires());
        if (expires < 0) {
            responses.respond(transaction, request, Response.INTERVAL_TOO_BRIEF, null, headers.createMinExpiresHeader(expiry.minExpires()));
            return;
        }
        PidfReader.Published published = null;
        if (hasBody) {
            ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
            if (type == null || !PresenceDocument.CONTENT_TYPE.equalsIgnoreCase(type.getContentType())
                    || !PresenceDocument.CONTENT_SUBTYPE.equalsIgnoreCase(type.getContentSubType())) {
                responses.respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, null,
                        headers.createAcceptHeader(PresenceDocument.CONTENT_TYPE, PresenceDocument.CONTENT_SUBTYPE));
                return;
            }
            try {
                published = PidfReader.read(body, username, realm);
            } catch (PidfReader.Invalid e) {
                responses.respond(transaction, request, Response.BAD_REQUEST, e.getMessage());
                return;
            }
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        String contactUri = contact != null && contact.getAddress() != null ? contact.getAddress().getURI().toString()
                : published == null ? null : published.contact();
        PublishRequest publication = new PublishRequest(username, etag, expires,
                published == null ? null : published.state(), published == null ? null : published.activity(), contactUri);
        if (!compositor.submit(new Pending(transaction, request), publication)) {
            responses.respond(transaction, request, Response.SERVICE_UNAVAILABLE, "Too many publications waiting, retry",
                    headers.createRetryAfterHeader(1 + ThreadLocalRandom.current().nextInt(5)));
        }
    }

    /**
     * A PUBLISH the stack made no server transaction for: JAIN-SIP refuses one without Event, which
     * RFC 3903 answers 489 like an unknown package. The answer goes statelessly; a retransmission
     * gets it again.
     */
    @Override
    public void refuseWithoutTransaction(Request request) {
        if (request.getHeader(EventHeader.NAME) != null) {
            return;
        }
        try {
            responses.respondStatelessly(request, Response.BAD_EVENT, null, headers.createAllowEventsHeader(EVENT));
        } catch (java.text.ParseException e) {
            LOG.log(Level.FINE, "Could not answer a PUBLISH without Event", e);
        }
    }

    /** The compositor committed (or refused) the PUBLISHes of batch {@code batchId}. */
    void complete(String batchId, List<HandOff.Entry<PublishResult>> answers) {
        compositor.complete(batchId, answers);
    }

    private void complete(Pending waiting, PublishResult result) {
        try {
            switch (result.outcome()) {
                case PUBLISHED -> responses.respond(waiting.transaction(), waiting.request(), Response.OK, null,
                        headers.createSIPETagHeader(result.etag()), headers.createExpiresHeader(result.expiresSeconds()));
                case NO_MATCH -> responses.respond(waiting.transaction(), waiting.request(), Response.CONDITIONAL_REQUEST_FAILED, null);
                case FORBIDDEN -> responses.respond(waiting.transaction(), waiting.request(), Response.FORBIDDEN, null);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not answer a PUBLISH", e);
        }
    }

    /** PUBLISHes the compositor did not answer in time get 500; a later answer is dropped. */
    void expireWaiting() {
        compositor.expire();
    }

    private void fail(ServerTransaction transaction, Request request) {
        responses.respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "Publication not stored, retry");
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.RequestRules;

import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every response the edge sends is built here: the request's headers as RFC 3261 §8.2.6 copies
 * them, a To tag, a {@code Server} header, and the headers a status owes (Allow with 405,
 * Unsupported with 420). A response goes through the request's server transaction, or
 * statelessly (§8.2.7) for a request refused before one is made.
 */
final class Responses {

    private static final Logger LOG = Logger.getLogger(Responses.class.getName());

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final List<String> allowed;

    /**
     * @param allowed the methods a 405 and an OPTIONS answer list in Allow
     */
    Responses(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses, List<String> allowed) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.allowed = List.copyOf(allowed);
    }

    HeaderFactory headers() {
        return headers;
    }

    AddressFactory addresses() {
        return addresses;
    }

    void respond(ServerTransaction transaction, Request request, int status, String reason, Header... extra) {
        respondTagged(transaction, request, status, reason, null, extra);
    }

    /** A response whose To tag (when the request has none) is {@code tag}, or a random one. */
    void respondTagged(ServerTransaction transaction, Request request, int status, String reason, String tag, Header... extra) {
        try {
            transaction.sendResponse(build(request, status, reason, tag, extra));
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not answer a " + request.getMethod() + " with " + status, e);
        }
    }

    /** A response carrying {@code body} of {@code contentType}, with To tag {@code tag}; false if it could not be sent. */
    boolean respondWithBody(ServerTransaction transaction, Request request, int status, String tag,
                            javax.sip.header.ContentTypeHeader contentType, byte[] body, Header... extra) {
        try {
            Response response = build(request, status, null, tag, extra);
            response.setContent(body, contentType);
            transaction.sendResponse(response);
            return true;
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not answer a " + request.getMethod() + " with " + status, e);
            return false;
        }
    }

    /** Sends a response without a server transaction, to where the top Via says (RFC 3261 §18.2.2). */
    void respondStatelessly(Request request, int status, String reason, Header... extra) {
        try {
            provider.sendResponse(build(request, status, reason, null, extra));
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not answer a " + request.getMethod() + " with " + status + " statelessly", e);
        }
    }

    /**
     * The answer to a request {@link RequestRules} refused, sent statelessly. The headers the
     * {@link RequestGate} put in for missing ones are left out where the stack does not need them
     * to send the response (it reads Via to route it and CSeq to name it), and the CSeq method is
     * the one the request wrote.
     */
    void refuse(Request request, RequestGate.Arrival arrival, RequestRules.Refusal refusal) {
        try {
            List<Header> extra = new ArrayList<>();
            if (refusal.status() == RequestRules.METHOD_NOT_ALLOWED) {
                extra.addAll(allow());
            }
            for (String tag : refusal.unsupported()) {
                extra.add(headers.createUnsupportedHeader(tag));
            }
            Response response = build(request, refusal.status(), refusal.reason(), null, extra.toArray(Header[]::new));
            javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) response.getHeader(javax.sip.header.ViaHeader.NAME);
            boolean branchNamesTransaction = via != null && via.getBranch() != null
                    && via.getBranch().regionMatches(true, 0, "z9hG4bK", 0, 7);
            for (String placeholder : arrival.placeholders()) {
                // without an RFC 3261 branch the stack names the transaction by From, To and Call-ID too
                if (!"Via".equals(placeholder) && !"CSeq".equals(placeholder) && branchNamesTransaction) {
                    response.removeHeader(placeholder);
                }
            }
            if (arrival.cseqMethod() != null) {
                ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).setMethod(arrival.cseqMethod());
            }
            provider.sendResponse(response);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not refuse a " + request.getMethod() + " with " + refusal.status(), e);
        }
    }

    private Response build(Request request, int status, String reason, String tag, Header... extra) throws ParseException {
        Response response = messages.createResponse(status, request);
        if (reason != null) {
            response.setReasonPhrase(reason.replaceAll("[\\r\\n]", " "));
        }
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(tag != null ? tag : Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
        for (Header header : extra) {
            response.addHeader(header);
        }
        response.addHeader(headers.createHeader("Server", "Liaison"));
        return response;
    }

    /** One Allow header per method served (RFC 3261 §20.5). */
    List<Header> allow() throws ParseException {
        List<Header> allow = new ArrayList<>();
        for (String method : allowed) {
            allow.add(headers.createAllowHeader(method));
        }
        return allow;
    }

    /** This edge's address on {@code transport} (or its first listening point), for Contact. */
    Address ourAddress(String transport) throws ParseException {
        ListeningPoint point = provider.getListeningPoint(transport);
        if (point == null) {
            point = provider.getListeningPoints()[0];
        }
        SipURI uri = addresses.createSipURI(null, point.getIPAddress());
        uri.setPort(point.getPort());
        uri.setTransportParam(point.getTransport());
        return addresses.createAddress(uri);
    }
}

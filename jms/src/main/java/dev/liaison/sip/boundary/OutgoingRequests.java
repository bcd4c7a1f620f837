package dev.liaison.sip.boundary;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Requests the edge sends on its own (MESSAGEs relayed to a user's contacts or delivered from the
 * offline store), each with a callback that hears its final status exactly once: the response's,
 * {@link #TIMED_OUT} when none came, {@link #UNREACHABLE} when it could not leave. The
 * {@link SipDispatcher} hands responses, time-outs and ended transactions to {@link #answered}.
 */
final class OutgoingRequests {

    private static final Logger LOG = Logger.getLogger(OutgoingRequests.class.getName());

    /** The status a request is given when no final response came (RFC 3261 §8.1.3.1). */
    static final int TIMED_OUT = 408;
    /** The status a request is given when it could not be sent (RFC 3261 §8.1.3.1: a transport error is a 503). */
    static final int UNREACHABLE = 503;

    /** Hears the final status of one request, once, and the final response itself when one came. */
    static final class Callback {
        private final IntConsumer onFinal;
        private final java.util.function.Consumer<javax.sip.message.Response> onResponse;
        private final AtomicBoolean called = new AtomicBoolean();

        Callback(IntConsumer onFinal) {
            this(onFinal, null);
        }

        Callback(IntConsumer onFinal, java.util.function.Consumer<javax.sip.message.Response> onResponse) {
            this.onFinal = onFinal;
            this.onResponse = onResponse;
        }

        void complete(int status) {
            if (called.compareAndSet(false, true)) {
                onFinal.accept(status);
            }
        }

        void complete(javax.sip.message.Response response) {
            if (called.compareAndSet(false, true)) {
                if (onResponse != null) {
                    onResponse.accept(response);
                } else {
                    onFinal.accept(response.getStatusCode());
                }
            }
        }
    }

    /** A session we set up (an INVITE we sent and its dialog), to acknowledge and end. */
    record Session(javax.sip.Dialog dialog, javax.sip.message.Response answer) {
    }

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    OutgoingRequests(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
    }

    HeaderFactory headers() {
        return headers;
    }

    AddressFactory addresses() {
        return addresses;
    }

    /**
     * Sends a MESSAGE to {@code contact} (a registered contact URI) from {@code from} to {@code to},
     * with the body and content type exactly as given; {@code onFinal} hears its final status.
     */
    void message(String contact, Address from, Address to, String callId, ContentTypeHeader contentType, byte[] body,
                 List<Header> extra, IntConsumer onFinal) {
        message(contact, null, from, to, callId, contentType, body, extra, null, onFinal);
    }

    /**
     * As {@link #message(String, Address, Address, String, ContentTypeHeader, byte[], List, IntConsumer)},
     * through the loose route {@code route} (another domain's server; null for none), with the
     * headers {@code sign} makes of the request ready to go (null for none).
     */
    void message(String contact, String route, Address from, Address to, String callId, ContentTypeHeader contentType,
                 byte[] body, List<Header> extra, java.util.function.Function<Request, List<Header>> sign, IntConsumer onFinal) {
        Callback callback = new Callback(onFinal);
        try {
            URI target = addresses.createURI(contact);
            ListeningPoint point = pointFor(route == null ? target : addresses.createURI(route));
            ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
            Address sender = (Address) from.clone();
            Request request = messages.createRequest(target, Request.MESSAGE, headers.createCallIdHeader(callId),
                    headers.createCSeqHeader(1L, Request.MESSAGE),
                    headers.createFromHeader(sender, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    headers.createToHeader((Address) to.clone(), null), new ArrayList<>(List.of(via)),
                    headers.createMaxForwardsHeader(70));
            for (Header header : extra) {
                request.addHeader(header);
            }
            request.addHeader(headers.createHeader("User-Agent", "Liaison"));
            request.setContent(body, contentType);
            if (route != null) {
                request.addHeader(headers.createRouteHeader(addresses.createAddress(addresses.createURI(route))));
            }
            if (sign != null) {
                for (Header header : sign.apply(request)) {
                    request.addHeader(header);
                }
            }
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(callback);
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not send a MESSAGE to " + contact, e);
            callback.complete(UNREACHABLE);
        }
    }

    /**
     * Relays a MESSAGE to another domain's server: the Request-URI, From, To, Call-ID and CSeq of
     * {@code original}, the body and content type given, a loose route to {@code routeUri} (the
     * peer's server) and the {@code extra} headers. {@code onFinal} hears the final response, or a
     * response made up of {@link #TIMED_OUT} or {@link #UNREACHABLE} with a null response.
     */
    void relay(Request original, String routeUri, ContentTypeHeader contentType, byte[] body, List<Header> extra,
               java.util.function.BiConsumer<Integer, javax.sip.message.Response> onFinal) {
        Callback callback = new Callback(status -> onFinal.accept(status, null), response -> onFinal.accept(response.getStatusCode(), response));
        try {
            SipURI route = (SipURI) addresses.createURI(routeUri);
            ListeningPoint point = pointFor(route);
            ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
            javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) original.getHeader(javax.sip.header.FromHeader.NAME);
            javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) original.getHeader(javax.sip.header.ToHeader.NAME);
            javax.sip.header.CallIdHeader callId = (javax.sip.header.CallIdHeader) original.getHeader(javax.sip.header.CallIdHeader.NAME);
            javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) original.getHeader(javax.sip.header.CSeqHeader.NAME);
            Request request = messages.createRequest((URI) original.getRequestURI().clone(), Request.MESSAGE,
                    (javax.sip.header.CallIdHeader) callId.clone(), headers.createCSeqHeader(cseq.getSeqNumber(), Request.MESSAGE),
                    headers.createFromHeader((Address) from.getAddress().clone(), from.getTag()),
                    headers.createToHeader((Address) to.getAddress().clone(), null), new ArrayList<>(List.of(via)),
                    headers.createMaxForwardsHeader(69));
            request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
            for (Header header : extra) {
                request.addHeader(header);
            }
            request.setContent(body, contentType);
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(callback);
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not relay a MESSAGE to " + routeUri, e);
            callback.complete(UNREACHABLE);
        }
    }

    /**
     * Sends an INVITE to {@code contact} from {@code from} to {@code to} with an SDP offer; the
     * callback hears the session once a 2xx came (acknowledged already), or null with the status
     * of a refusal, time-out or transport error. Returns what cancels the INVITE while no final
     * response came (CANCEL, RFC 3261 §9.1); a 2xx that crosses the CANCEL still reaches the callback.
     */
    Runnable invite(String contact, Address from, Address to, byte[] sdp,
                    java.util.function.BiConsumer<Session, Integer> onAnswer) {
        return invite(contact, null, from, to, sdp, null, onAnswer);
    }

    /**
     * As {@link #invite(String, Address, Address, byte[], java.util.function.BiConsumer)}, to
     * {@code target} through the loose route {@code route} (another domain's server; null for none),
     * with the headers {@code sign} makes of the request ready to go (null for none).
     */
    Runnable invite(String contact, String route, Address from, Address to, byte[] sdp,
                    java.util.function.Function<Request, List<Header>> sign, java.util.function.BiConsumer<Session, Integer> onAnswer) {
        try {
            URI target = addresses.createURI(contact);
            ListeningPoint point = pointFor(route == null ? target : addresses.createURI(route));
            ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
            Request request = messages.createRequest(target, Request.INVITE,
                    provider.getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader((Address) from.clone(), Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    headers.createToHeader((Address) to.clone(), null), new ArrayList<>(List.of(via)),
                    headers.createMaxForwardsHeader(70));
            SipURI us = addresses.createSipURI(null, point.getIPAddress());
            us.setPort(point.getPort());
            us.setTransportParam(point.getTransport());
            request.addHeader(headers.createContactHeader(addresses.createAddress(us)));
            request.addHeader(headers.createHeader("User-Agent", "Liaison"));
            request.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            if (route != null) {
                request.addHeader(headers.createRouteHeader(addresses.createAddress(addresses.createURI(route))));
            }
            if (sign != null) {
                for (Header header : sign.apply(request)) {
                    request.addHeader(header);
                }
            }
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            javax.sip.Dialog dialog = provider.getNewDialog(transaction);
            transaction.setApplicationData(new Callback(status -> onAnswer.accept(null, status), response -> {
                if (response.getStatusCode() / 100 != 2) {
                    onAnswer.accept(null, response.getStatusCode());
                    return;
                }
                try {
                    long cseq = ((javax.sip.header.CSeqHeader) response.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber();
                    dialog.sendAck(dialog.createAck(cseq));
                    onAnswer.accept(new Session(dialog, response), response.getStatusCode());
                } catch (Exception e) {
                    LOG.log(Level.FINE, "Could not acknowledge the 2xx of an INVITE to " + contact, e);
                    onAnswer.accept(null, UNREACHABLE);
                }
            }));
            transaction.sendRequest();
            return () -> cancel(transaction);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not send an INVITE to " + contact, e);
            onAnswer.accept(null, UNREACHABLE);
            return () -> { };
        }
    }

    /** Sends a CANCEL for an INVITE still without a final response; nothing once it has one. */
    private void cancel(ClientTransaction invite) {
        javax.sip.TransactionState state = invite.getState();
        if (state != javax.sip.TransactionState.CALLING && state != javax.sip.TransactionState.PROCEEDING) {
            return;
        }
        try {
            provider.getNewClientTransaction(invite.createCancel()).sendRequest();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not cancel an INVITE", e);
        }
    }

    /** Ends a session we set up (BYE); its answer does not matter. */
    void bye(Session session) {
        try {
            Request bye = session.dialog().createRequest(Request.BYE);
            ClientTransaction transaction = provider.getNewClientTransaction(bye);
            session.dialog().sendRequest(transaction);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not end a session with BYE", e);
        }
    }

    /** The listening point for the contact's transport (its {@code transport} parameter, else UDP). */
    private ListeningPoint pointFor(URI target) {
        String transport = "udp";
        if (target instanceof SipURI sip && sip.getTransportParam() != null) {
            transport = sip.getTransportParam().toLowerCase(Locale.ROOT);
        }
        ListeningPoint point = provider.getListeningPoint(transport);
        return point != null ? point : provider.getListeningPoints()[0];
    }

    /** Gives a client transaction's callback, if the edge sent it through here, its final status. */
    static void answered(ClientTransaction transaction, int status) {
        if (transaction != null && transaction.getApplicationData() instanceof Callback callback) {
            callback.complete(status);
        }
    }

    /** Gives a client transaction's callback, if the edge sent it through here, its final response. */
    static void answered(ClientTransaction transaction, javax.sip.message.Response response) {
        if (transaction != null && transaction.getApplicationData() instanceof Callback callback) {
            callback.complete(response);
        }
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.RequestRules;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The edge's SIP listener: every request first goes through {@link RequestRules} (RFC 3261 §8.2,
 * the same checks for every method) and is refused statelessly if it fails them; then it gets a
 * server transaction and goes to its method's {@link MethodHandler}. An ACK is never answered.
 * A request whose handler throws gets 500.
 *
 * <p>The only responses it hears are those to the edge's NOTIFYs: a refusal or a timeout ends the
 * subscription (RFC 6665 §4.2.2).
 */
final class SipDispatcher implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipDispatcher.class.getName());

    /** The headers a REGISTER reads (with their compact forms): unreadable, they are a 400. */
    static final Set<String> REGISTER_READS = Set.of("Expires", "Contact", "m", "Require", "Authorization",
            "Content-Type", "c", "To", "t");
    /** The headers a SUBSCRIBE reads (with their compact forms): unreadable, they are a 400. */
    static final Set<String> SUBSCRIBE_READS = Set.of("Expires", "Contact", "m", "Require", "Authorization",
            "Event", "o", "Accept", "To", "t");

    private final SipProvider provider;
    private final Responses responses;
    private final RequestRules rules;
    private final Map<String, MethodHandler> handlers;
    private final Consumer<SipSubscriptions.Key> notifyFailed;

    /**
     * @param handlers     the handler of each method served but ACK
     * @param notifyFailed ends the subscription whose NOTIFY was refused or not answered
     */
    SipDispatcher(SipProvider provider, Responses responses, RequestRules rules, Map<String, MethodHandler> handlers,
                  Consumer<SipSubscriptions.Key> notifyFailed) {
        this.provider = provider;
        this.responses = responses;
        this.rules = rules;
        this.handlers = Map.copyOf(handlers);
        this.notifyFailed = notifyFailed;
    }

    /** The first checks of this edge: the methods it serves (in the order Allow lists them) and what each reads. */
    static RequestRules rules() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        served.put(Request.REGISTER, REGISTER_READS);
        served.put(Request.SUBSCRIBE, SUBSCRIBE_READS);
        served.put(Request.PUBLISH, Set.copyOf(PublishHandler.READS));
        served.put(Request.MESSAGE, MessageHandler.READS);
        served.put(Request.INVITE, InviteHandler.READS);
        served.put(Request.BYE, Set.of());
        served.put(Request.OPTIONS, Set.of("Require", "Accept"));
        served.put(Request.ACK, Set.of());
        served.put(Request.CANCEL, Set.of());
        // the edge relays MESSAGEs to the recipient's contacts and supports no extension
        return new RequestRules(served, Set.of(Request.REGISTER, Request.SUBSCRIBE, Request.PUBLISH, Request.MESSAGE,
                Request.INVITE),
                Set.of(Request.MESSAGE), Set.of());
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return;
        }
        RequestGate.Arrival arrival = RequestGate.arrivalOf(request, overStream(request));
        Optional<RequestRules.Refusal> refusal = rules.check(arrival.parts());
        if (refusal.isPresent()) {
            responses.refuse(request, arrival, refusal.get());
            return;
        }
        MethodHandler handler = handlers.get(method);
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (transaction == null) {
                transaction = provider.getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the stack answers it from the transaction
        } catch (Exception e) {
            LOG.log(Level.FINE, "No server transaction for a " + method, e);
            handler.refuseWithoutTransaction(request);
            return;
        }
        try {
            handler.handle(transaction, request);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A " + method + " failed", e);
            responses.respond(transaction, request, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    private static boolean overStream(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via != null && List.of("TCP", "TLS", "SCTP").contains(via.getTransport().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (response.getStatusCode() >= 200) {
            OutgoingRequests.answered(event.getClientTransaction(), response);
        }
        if (event.getClientTransaction() == null && response.getStatusCode() / 100 == 2 && event.getDialog() != null
                && Request.INVITE.equals(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod())) {
            // a 2xx sent again (over UDP, until it is acknowledged): acknowledge it again (RFC 3261 §13.2.2.4)
            try {
                long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                event.getDialog().sendAck(event.getDialog().createAck(seq));
            } catch (Exception e) {
                LOG.log(Level.FINE, "Could not acknowledge a 2xx sent again", e);
            }
        }
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (response.getStatusCode() >= 300 && cseq != null && Request.NOTIFY.equals(cseq.getMethod())) {
            notifyFailed.accept(keyOf(response));
        }
    }

    /** The subscription a NOTIFY (or its response) belongs to: our tag is in From, the subscriber's in To. */
    private static SipSubscriptions.Key keyOf(Message notify) {
        return new SipSubscriptions.Key(((CallIdHeader) notify.getHeader(CallIdHeader.NAME)).getCallId(),
                ((ToHeader) notify.getHeader(ToHeader.NAME)).getTag(), ((FromHeader) notify.getHeader(FromHeader.NAME)).getTag());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // server transactions time out silently: the client retransmits or gives up;
        // a NOTIFY nobody answered ends its subscription
        if (!event.isServerTransaction()) {
            OutgoingRequests.answered(event.getClientTransaction(), OutgoingRequests.TIMED_OUT);
        }
        if (!event.isServerTransaction() && event.getClientTransaction() != null
                && Request.NOTIFY.equals(event.getClientTransaction().getRequest().getMethod())) {
            notifyFailed.accept(keyOf(event.getClientTransaction().getRequest()));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.fine(() -> "SIP transport error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // a request of ours whose transaction ended without a final response (a transport error) failed
        if (!event.isServerTransaction()) {
            OutgoingRequests.answered(event.getClientTransaction(), OutgoingRequests.UNREACHABLE);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // the edge makes no dialogs of the stack's: subscriptions are its own
    }
}

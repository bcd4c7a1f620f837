package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.RegistrationRules;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * REGISTER as a registrar (RFC 3261 §10.3), after the dispatcher's first checks: no body (415 with
 * an empty Accept), digest authentication, the address of record (403 unless it is the
 * authenticated user's), the contacts and their expiry ({@link RegistrationRules}: 400, 423 with
 * Min-Expires). A REGISTER without contacts is answered at once with the bindings; any other
 * waits in its user's lane of the {@link HandOff} for the registrar's committed answer, which
 * {@link #complete} brings back, and is answered 503 with Retry-After when too many already wait.
 */
final class RegisterHandler implements MethodHandler {

    private static final Logger LOG = Logger.getLogger(RegisterHandler.class.getName());

    /** A REGISTER waiting for its committed answer. */
    record Pending(ServerTransaction transaction, Request request) {
    }


    private final Responses responses;
    private final DigestAuthenticator authenticator;
    private final RegistrationRules rules;
    private final Function<String, List<Binding>> bindings;
    private final HandOff<Pending, Registration, RegistrationResult> lanes;
    private final BiConsumer<String, String> registered;

    /**
     * @param bindings  a user's bindings now, for a REGISTER that only asks for them
     * @param registrar makes the hand-off to the registrar, given where its answers and failures go
     * @param registered hears each contact (user, contact URI) a REGISTER bound, once the 200 went out
     */
    RegisterHandler(Responses responses, DigestAuthenticator authenticator, RegistrationRules rules,
                    Function<String, List<Binding>> bindings, HandOffs<Pending, Registration, RegistrationResult> registrar,
                    BiConsumer<String, String> registered) {
        this.responses = responses;
        this.authenticator = authenticator;
        this.rules = rules;
        this.bindings = bindings;
        this.lanes = registrar.make(this::answer, this::fail);
        this.registered = registered;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) throws Exception {
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            // a REGISTER carries no body this registrar reads; an empty Accept says so (RFC 3261 §20.1)
            responses.respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, null,
                    responses.headers().createHeader("Accept", ""));
            return;
        }
        String username = authenticator.authenticate(transaction, request);
        if (username == null) {
            return;
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!username.equals(((SipURI) to.getAddress().getURI()).getUser())) {
            responses.respond(transaction, request, Response.FORBIDDEN, null);
            return;
        }
        ExpiresHeader expires = request.getExpires();
        RegistrationRules.Outcome outcome = rules.read(contacts(request), expires == null ? -1 : expires.getExpires());
        if (outcome instanceof RegistrationRules.Refusal refusal) {
            if (refusal.status() == RegistrationRules.INTERVAL_TOO_BRIEF) {
                responses.respond(transaction, request, Response.INTERVAL_TOO_BRIEF, null,
                        responses.headers().createMinExpiresHeader(rules.minExpires()));
            } else {
                responses.respond(transaction, request, refusal.status(), refusal.reason());
            }
            return;
        }
        RegistrationRules.Bindings asked = (RegistrationRules.Bindings) outcome;
        if (!asked.wildcard() && asked.contacts().isEmpty()) {
            ok(transaction, request, bindings.apply(username));
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        if (!lanes.submit(new Pending(transaction, request), new Registration(username, asked.contacts(), asked.wildcard(), callId, cseq))) {
            overloaded(transaction, request);
        }
    }

    private static List<RegistrationRules.ContactRequest> contacts(Request request) {
        List<RegistrationRules.ContactRequest> contacts = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.isWildCard() || contact.getAddress() == null || "*".equals(contact.getAddress().toString().strip())) {
                contacts.add(new RegistrationRules.ContactRequest(null, -1, null, true));
                continue;
            }
            String profile = null;
            for (String name : RegistrationRules.PROFILE_PARAMETERS) {
                profile = contact.getParameter(name);
                if (profile != null) {
                    break;
                }
            }
            contacts.add(new RegistrationRules.ContactRequest(contact.getAddress().getURI().toString(), contact.getExpires(),
                    profile, false));
        }
        return contacts;
    }

    /** The registrar committed (or refused) the REGISTERs of batch {@code batchId}. */
    void complete(String batchId, List<HandOff.Entry<RegistrationResult>> answers) {
        lanes.complete(batchId, answers);
    }

    /** A batch whose answer was lost must not hold its lane for ever. */
    void expireWaiting() {
        lanes.expire();
    }

    /** Whether a CANCEL names a REGISTER still waiting for the registrar. */
    boolean isPending(Request cancel) {
        return lanes.anyWaiting(p -> cancels(cancel, p.request()));
    }

    /** The final answer of a queued REGISTER. */
    private void answer(Pending waiting, RegistrationResult result) {
        ServerTransaction transaction = waiting.transaction();
        Request request = waiting.request();
        if (result.isAccepted()) {
            ok(transaction, request, result.bindings());
            boundNow(request, result.bindings());
        } else if (RegistrationResult.FORBIDDEN.equals(result.refusal())) {
            responses.respond(transaction, request, Response.FORBIDDEN, null);
        } else if (RegistrationResult.NOT_STORED.equals(result.refusal())) {
            fail(waiting);
        } else if (RegistrationResult.OUT_OF_ORDER.equals(result.refusal())) {
            // RFC 3261 §10.3 step 7 fails the request without naming a code; 500 is what §12.2.2
            // answers a request whose CSeq is out of order, and nothing was changed
            responses.respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "Out of order REGISTER (Call-ID and CSeq)");
        } else {
            responses.respond(transaction, request, Response.BAD_REQUEST, result.refusal());
        }
    }

    /** Tells who listens of each contact this REGISTER bound (one it did not remove). */
    private void boundNow(Request request, List<Binding> bound) {
        String username = ((SipURI) ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI()).getUser();
        for (RegistrationRules.ContactRequest contact : contacts(request)) {
            if (!contact.wildcard() && bound.stream().anyMatch(b -> b.uri().equals(contact.uri()))) {
                try {
                    registered.accept(username, contact.uri());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A new registration of " + username + " could not be announced", e);
                }
            }
        }
    }

    /** The registrar could not answer: the client may retry. */
    private void fail(Pending waiting) {
        responses.respond(waiting.transaction(), waiting.request(), Response.SERVER_INTERNAL_ERROR, "Registration not stored, retry");
    }

    /** Too many REGISTERs wait for the registrar: this one is refused for now (RFC 3261 §21.5.4). */
    private void overloaded(ServerTransaction transaction, Request request) {
        try {
            responses.respond(transaction, request, Response.SERVICE_UNAVAILABLE, "Registrar busy, retry",
                    responses.headers().createRetryAfterHeader(1 + ThreadLocalRandom.current().nextInt(5)));
        } catch (javax.sip.InvalidArgumentException e) {
            responses.respond(transaction, request, Response.SERVICE_UNAVAILABLE, "Registrar busy, retry");
        }
    }

    /** 200 with every binding of the user and the registrar's Date (RFC 3261 §10.3 step 8). */
    private void ok(ServerTransaction transaction, Request request, List<Binding> bindings) {
        List<Header> extra = new ArrayList<>();
        for (Binding binding : bindings) {
            try {
                ContactHeader contact = responses.headers().createContactHeader(
                        responses.addresses().createAddress(responses.addresses().createURI(binding.uri())));
                contact.setExpires((int) Math.min(Integer.MAX_VALUE, binding.expiresSeconds()));
                extra.add(contact);
            } catch (Exception e) {
                LOG.log(Level.FINE, "A stored contact is not a URI: " + binding.uri(), e);
            }
        }
        extra.add(responses.headers().createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        responses.respond(transaction, request, Response.OK, null, extra.toArray(Header[]::new));
    }

    /** Whether a request names the same transaction as {@code cancel} (Call-ID, CSeq number, top Via branch). */
    static boolean cancels(Request cancel, Request request) {
        CallIdHeader a = (CallIdHeader) cancel.getHeader(CallIdHeader.NAME);
        CallIdHeader b = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader ca = (CSeqHeader) cancel.getHeader(CSeqHeader.NAME);
        CSeqHeader cb = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        javax.sip.header.ViaHeader va = (javax.sip.header.ViaHeader) cancel.getHeader(javax.sip.header.ViaHeader.NAME);
        javax.sip.header.ViaHeader vb = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        return a != null && b != null && a.getCallId().equals(b.getCallId()) && ca != null && cb != null
                && ca.getSeqNumber() == cb.getSeqNumber() && va != null && vb != null
                && va.getBranch() != null && va.getBranch().equals(vb.getBranch());
    }
}

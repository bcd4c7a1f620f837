package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.Presence;
import dev.liaison.presence.boundary.ContactBinding;
import dev.liaison.presence.boundary.Registrar;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.presence.boundary.SipCredentials;
import dev.liaison.presence.control.DisclosedState;
import dev.liaison.sip.control.DigestResponse;
import dev.liaison.sip.control.Nonces;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.address.Address;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Answers SIP requests as a registrar (RFC 3261 §8.2 and §10.3). In the order of the RFC: the
 * method (405 with Allow), the URI schemes (416), Require (420 with Unsupported), the body (415
 * with Accept), digest authentication (401, {@code stale=true} for an expired nonce), the
 * address of record (403 unless it is the authenticated user's), the contacts and their expiry
 * (400, 423 with Min-Expires), then the bindings go to the registrar through the edge.
 *
 * <p>An unknown user and a wrong password get the same fresh challenge, checked against a
 * digest that cannot match, so no answer tells whether a user exists.
 */
final class SipRequests implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipRequests.class.getName());

    static final List<String> ALLOW = List.of(Request.REGISTER, Request.SUBSCRIBE, Request.PUBLISH, Request.OPTIONS, Request.ACK,
            Request.CANCEL);
    /** The headers a SUBSCRIBE is judged by (with their compact forms): unreadable, they are a 400. */
    private static final List<String> SUBSCRIBE_HEADERS = List.of("Expires", "Contact", "m", "Require", "Authorization",
            "Event", "o", "Accept", "To", "t");
    /** The Contact parameters that choose the profile a registration activates. */
    static final List<String> PROFILE_PARAMETERS = List.of("profile", "+liaison.profile");
    /** The headers a REGISTER is judged by (with their compact forms): unreadable, they are a 400. */
    private static final List<String> REGISTRAR_HEADERS = List.of("Expires", "Contact", "m", "Require", "Authorization",
            "Content-Type", "c", "To", "t");
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    private final SipEdge edge;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Registrar registrar;
    private final Presence presence;
    private final SipSubscriptions subscriptions;
    final SipPublications publications;
    private final EventPackages packages;
    private final Nonces nonces;
    private final String realm;
    private final int minExpires;
    private final int maxExpires;
    private final int defaultExpires;
    private final String unmatchableMd5;
    private final String unmatchableSha256;

    SipRequests(SipEdge edge, SipFactory factory, SipProvider provider, Registrar registrar, Presence presence, Nonces nonces,
                String realm, int minExpires, int maxExpires, int defaultExpires, long notifyMinIntervalMillis)
            throws javax.sip.PeerUnavailableException {
        this.edge = edge;
        this.provider = provider;
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
        this.registrar = registrar;
        this.presence = presence;
        this.subscriptions = new SipSubscriptions(provider, messages, headers, addresses, notifyMinIntervalMillis);
        this.packages = new EventPackages(edge, presence, realm);
        this.nonces = nonces;
        this.realm = realm;
        this.minExpires = minExpires;
        this.maxExpires = maxExpires;
        this.defaultExpires = Math.min(Math.max(defaultExpires, minExpires), maxExpires);
        this.publications = new SipPublications(this, provider, messages, headers, edge.publicationQueue, realm, minExpires,
                maxExpires, this.defaultExpires);
        SecureRandom random = new SecureRandom();
        byte[] noise = new byte[32];
        random.nextBytes(noise);
        this.unmatchableSha256 = HexFormat.of().formatHex(noise);
        this.unmatchableMd5 = unmatchableSha256.substring(0, 32);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return;
        }
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (transaction == null) {
                transaction = provider.getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the stack answers it from the transaction
        } catch (Exception e) {
            LOG.log(Level.FINE, "No server transaction for a " + method, e);
            if (Request.PUBLISH.equals(method)) {
                publications.refuseWithoutTransaction(request);
            }
            return;
        }
        try {
            switch (method) {
                case Request.REGISTER -> register(transaction, request);
                case Request.OPTIONS -> respond(transaction, request, Response.OK, null, allow());
                case Request.CANCEL -> respond(transaction, request,
                        edge.isPending(request) ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
                case Request.SUBSCRIBE -> subscribe(transaction, request);
                case Request.PUBLISH -> publish(transaction, request);
                default -> respond(transaction, request, Response.METHOD_NOT_ALLOWED, null, allow());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A " + method + " failed", e);
            respond(transaction, request, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    /** RFC 3903 publication of presence state: see {@link SipPublications}. */
    private void publish(ServerTransaction transaction, Request request) throws Exception {
        publications.publish(transaction, request);
    }

    /**
     * A SUBSCRIBE to the {@code presence} package (RFC 6665, RFC 3856) of {@code sip:user@realm}: the
     * subscriber is the digest-authenticated user, the answer is 200 with the granted Expires, and a
     * NOTIFY with the state the subscriber may see follows at once. A user who does not exist is
     * subscribed to like any other and shows UNKNOWN, as one who denies the subscriber. The
     * {@code presence.winfo} package (RFC 3857) goes the same way, for the user themself only
     * ({@link EventPackages}).
     */
    private void subscribe(ServerTransaction transaction, Request request) throws Exception {
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null) {
            respond(transaction, request, Response.BAD_REQUEST, "Missing Event header");
            return;
        }
        String eventPackage = event.getEventType();
        if (!EventPackages.NAMES.contains(eventPackage)) {
            List<Header> allowEvents = new ArrayList<>();
            for (String name : EventPackages.NAMES) {
                allowEvents.add(headers.createAllowEventsHeader(name));
            }
            respond(transaction, request, Response.BAD_EVENT, null, allowEvents.toArray(Header[]::new));
            return;
        }
        if (refusedAtFirstSight(transaction, request, SUBSCRIBE_HEADERS)) {
            return;
        }
        URI target = request.getRequestURI();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!EventPackages.accepts(request, eventPackage)) {
            List<String> type = EventPackages.mediaType(eventPackage);
            respond(transaction, request, Response.NOT_ACCEPTABLE, null, headers.createAcceptHeader(type.get(0), type.get(1)));
            return;
        }
        String username = authenticate(transaction, request);
        if (username == null) {
            return;
        }
        SipURI presentity = (SipURI) target;
        if (presentity.getUser() == null || !realm.equalsIgnoreCase(presentity.getHost())) {
            // another domain, or no user part: nothing here says whether a user exists
            respond(transaction, request, Response.NOT_FOUND, "Not a presentity of " + realm);
            return;
        }
        if (!EventPackages.permitted(eventPackage, username, presentity.getUser())) {
            respond(transaction, request, Response.FORBIDDEN, null);
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = expiresHeader == null ? defaultExpires : expiresHeader.getExpires();
        if (expires > 0 && expires < minExpires) {
            respond(transaction, request, Response.INTERVAL_TOO_BRIEF, null, headers.createMinExpiresHeader(minExpires));
            return;
        }
        expires = Math.min(expires, maxExpires);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String remoteTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        if (to.getTag() != null) {
            SipSubscriptions.Subscription existing = subscriptions.find(new SipSubscriptions.Key(callId, remoteTag, to.getTag()));
            if (existing == null || !existing.body.event().equals(eventPackage)) {
                respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            } else if (!existing.watcher.equals(username)) {
                respond(transaction, request, Response.FORBIDDEN, null);
            } else if (expires == 0) {
                respond(transaction, request, Response.OK, null, headers.createExpiresHeader(0));
                subscriptions.end(existing);
            } else {
                respond(transaction, request, Response.OK, null, headers.createExpiresHeader(expires));
                subscriptions.refresh(existing, expires);
            }
            return;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (contact == null || contact.getAddress() == null || remoteTag == null) {
            respond(transaction, request, Response.BAD_REQUEST, contact == null ? "Missing Contact header" : "Missing From tag");
            return;
        }
        String localTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        SubscriptionBody body = packages.open(eventPackage, presentity.getUser(), username, expires == 0);
        List<Address> routes = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(RecordRouteHeader.NAME); it.hasNext(); ) {
            routes.add((Address) ((RecordRouteHeader) it.next()).getAddress().clone());
        }
        String transport = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport();
        SipSubscriptions.Subscription subscription = new SipSubscriptions.Subscription(
                new SipSubscriptions.Key(callId, remoteTag, localTag), presentity.getUser(), username,
                (Address) to.getAddress().clone(),
                (Address) ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().clone(),
                (URI) contact.getAddress().getURI().clone(), routes, transport, expires, body);
        respondTagged(transaction, request, Response.OK, null, localTag, headers.createExpiresHeader(expires),
                headers.createContactHeader(ourAddress(transport)));
        if (expires == 0) {
            subscriptions.fetch(subscription);
        } else {
            subscriptions.start(subscription);
        }
    }

    private Address ourAddress(String transport) throws java.text.ParseException {
        javax.sip.ListeningPoint point = provider.getListeningPoint(transport);
        if (point == null) {
            point = provider.getListeningPoints()[0];
        }
        SipURI uri = addresses.createSipURI(null, point.getIPAddress());
        uri.setPort(point.getPort());
        uri.setTransportParam(point.getTransport());
        return addresses.createAddress(uri);
    }

    /** What {@code watcher} may see of {@code target} changed (committed): NOTIFY its subscriptions. */
    void presenceChanged(String target, String watcher, DisclosedState state) {
        subscriptions.changed(target, watcher, state);
    }

    /** Who watches {@code user} may have changed (committed): their watcher-information subscriptions look again. */
    void watchersChanged(String user) {
        subscriptions.watchersChanged(user);
    }

    /** Expired subscriptions and held-back changes. */
    /** Ends every subscription of this node with a NOTIFY asking the subscriber to subscribe again. */
    void shutdown() {
        subscriptions.shutdown();
    }

    void sweepSubscriptions() {
        subscriptions.sweep();
    }

    private void register(ServerTransaction transaction, Request request) throws Exception {
        if (refusedAtFirstSight(transaction, request, REGISTRAR_HEADERS)) {
            return;
        }
        URI target = request.getRequestURI();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            // a REGISTER carries no body this registrar reads; an empty Accept says so (RFC 3261 §20.1)
            respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, null, headers.createHeader("Accept", ""));
            return;
        }
        String username = authenticate(transaction, request);
        if (username == null) {
            return;
        }
        if (!username.equals(((SipURI) to.getAddress().getURI()).getUser())) {
            respond(transaction, request, Response.FORBIDDEN, null);
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        int requestExpires = expiresHeader == null ? -1 : expiresHeader.getExpires();
        boolean wildcard = false;
        int contactCount = 0;
        List<ContactBinding> contacts = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            contactCount++;
            if (contact.isWildCard() || contact.getAddress() == null || "*".equals(contact.getAddress().toString().strip())) {
                wildcard = true;
                continue;
            }
            int asked = contact.getExpires() >= 0 ? contact.getExpires() : requestExpires >= 0 ? requestExpires : defaultExpires;
            if (asked > 0 && asked < minExpires) {
                respond(transaction, request, Response.INTERVAL_TOO_BRIEF, null, headers.createMinExpiresHeader(minExpires));
                return;
            }
            String profile = profileOf(contact);
            if (profile != null && !PROFILE_NAME.matcher(profile).matches()) {
                respond(transaction, request, Response.BAD_REQUEST, "Bad profile parameter");
                return;
            }
            contacts.add(new ContactBinding(contact.getAddress().getURI().toString(), Math.min(asked, maxExpires), profile));
        }
        if (wildcard && (contactCount > 1 || requestExpires != 0)) {
            respond(transaction, request, Response.BAD_REQUEST, "Contact * needs Expires 0 and no other Contact");
            return;
        }
        if (!wildcard && contacts.isEmpty()) {
            ok(transaction, request, registrar.bindings(username));
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        edge.submit(transaction, request, new Registration(username, contacts, wildcard, callId, cseq));
    }

    /**
     * The checks every request this edge serves goes through first, in the order of RFC 3261
     * §8.2: the URI schemes (416), the headers it reads that the stack could not parse (400), and
     * Require (420 with Unsupported). True once a refusal has been sent.
     */
    boolean refusedAtFirstSight(ServerTransaction transaction, Request request, List<String> judged) throws Exception {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!request.getRequestURI().isSipURI() || !to.getAddress().getURI().isSipURI()) {
            respond(transaction, request, Response.UNSUPPORTED_URI_SCHEME, null);
            return true;
        }
        String malformed = malformedHeader(request, judged);
        if (malformed != null) {
            respond(transaction, request, Response.BAD_REQUEST, "Malformed " + malformed + " header");
            return true;
        }
        List<Header> unsupported = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
            unsupported.add(headers.createUnsupportedHeader(((RequireHeader) it.next()).getOptionTag()));
        }
        if (!unsupported.isEmpty()) {
            respond(transaction, request, Response.BAD_EXTENSION, null, unsupported.toArray(Header[]::new));
            return true;
        }
        return false;
    }

    /**
     * The name of a header this registrar reads that the stack could not parse, or null. JAIN-SIP
     * keeps such a header aside instead of refusing the request; RFC 3261 wants a 400 for it.
     */
    static String malformedHeader(Request request, List<String> judged) {
        if (!(request instanceof gov.nist.javax.sip.message.SIPMessage message)) {
            return null;
        }
        for (ListIterator<String> it = message.getUnrecognizedHeaders(); it.hasNext(); ) {
            String line = it.next();
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip();
            if (judged.stream().anyMatch(name::equalsIgnoreCase)) {
                return name;
            }
        }
        return null;
    }

    private static String profileOf(ContactHeader contact) {
        for (String name : PROFILE_PARAMETERS) {
            String value = contact.getParameter(name);
            if (value != null) {
                String unquoted = value.strip();
                if (unquoted.length() >= 2 && unquoted.startsWith("\"") && unquoted.endsWith("\"")) {
                    unquoted = unquoted.substring(1, unquoted.length() - 1);
                }
                return unquoted;
            }
        }
        return null;
    }

    /** The authenticated username, or null once a challenge or refusal has been sent. */
    String authenticate(ServerTransaction transaction, Request request) throws Exception {
        DigestResponse digest = null;
        for (ListIterator<?> it = request.getHeaders(AuthorizationHeader.NAME); it.hasNext(); ) {
            AuthorizationHeader header = (AuthorizationHeader) it.next();
            if (!"Digest".equalsIgnoreCase(header.getScheme()) || !realm.equals(header.getRealm())) {
                continue;
            }
            DigestResponse candidate = new DigestResponse(header.getUsername(), header.getRealm(), header.getNonce(),
                    uriOf(header), header.getResponse(), header.getAlgorithm(), header.getQop(),
                    header.getParameter("nc"), header.getCNonce());
            if (digest == null || DigestResponse.SHA_256.equals(candidate.algorithmName())) {
                digest = candidate;
            }
        }
        if (digest == null) {
            challenge(transaction, request, false, DigestResponse.SHA_256);
            return null;
        }
        if (digest.response() == null || digest.response().isEmpty()) {
            // a first REGISTER that names its user without credentials (as 3GPP clients send it):
            // the algorithm it names is offered first, for clients that read the topmost challenge only
            String preferred = digest.algorithm() == null ? null : digest.algorithmName();
            challenge(transaction, request, false, preferred == null ? DigestResponse.SHA_256 : preferred);
            return null;
        }
        if (digest.uri() == null || !sameUri(digest.uri(), request.getRequestURI())) {
            respond(transaction, request, Response.BAD_REQUEST, "Digest uri does not match the Request-URI");
            return null;
        }
        SipCredentials credentials = edge.credentials(digest.username()).filter(c -> realm.equals(c.realm())).orElse(null);
        boolean sha256 = DigestResponse.SHA_256.equals(digest.algorithmName());
        String ha1 = credentials == null ? null : sha256 ? credentials.ha1Sha256() : credentials.ha1Md5();
        boolean proven = digest.matches(request.getMethod(), ha1 != null ? ha1 : sha256 ? unmatchableSha256 : unmatchableMd5);
        if (!proven || ha1 == null) {
            challenge(transaction, request, false, DigestResponse.SHA_256);
            return null;
        }
        Nonces.Check check = nonces.check(digest.nonce());
        if (check != Nonces.Check.VALID) {
            challenge(transaction, request, check == Nonces.Check.STALE, DigestResponse.SHA_256);
            return null;
        }
        if (!nonces.acceptCount(digest.nonce(), digest.count())) {
            challenge(transaction, request, false, DigestResponse.SHA_256);
            return null;
        }
        return credentials.username();
    }

    private static String uriOf(AuthorizationHeader header) {
        String raw = header.getParameter("uri");
        if (raw != null) {
            return raw;
        }
        return header.getURI() == null ? null : header.getURI().toString();
    }

    private boolean sameUri(String digestUri, URI requestUri) {
        try {
            return addresses.createURI(digestUri).equals(requestUri);
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /**
     * 401 with one challenge per algorithm, the preferred first (RFC 8760 §2.4): SHA-256, unless
     * the client named MD5.
     */
    private void challenge(ServerTransaction transaction, Request request, boolean stale, String first) throws Exception {
        String nonce = nonces.issue();
        List<Header> challenges = new ArrayList<>();
        List<String> order = DigestResponse.MD5.equals(first) ? List.of(DigestResponse.MD5, DigestResponse.SHA_256)
                : List.of(DigestResponse.SHA_256, DigestResponse.MD5);
        for (String algorithm : order) {
            WWWAuthenticateHeader challenge = headers.createWWWAuthenticateHeader("Digest");
            challenge.setRealm(realm);
            challenge.setNonce(nonce);
            challenge.setAlgorithm(algorithm);
            challenge.setQop("auth");
            if (stale) {
                challenge.setParameter("stale", "true");
            }
            challenges.add(challenge);
        }
        respond(transaction, request, Response.UNAUTHORIZED, null, challenges.toArray(Header[]::new));
    }

    /** The final answer of a queued REGISTER. */
    void answer(ServerTransaction transaction, Request request, RegistrationResult result) {
        if (result.isAccepted()) {
            ok(transaction, request, result.bindings());
        } else if (RegistrationResult.FORBIDDEN.equals(result.refusal())) {
            respond(transaction, request, Response.FORBIDDEN, null);
        } else if (RegistrationResult.NOT_STORED.equals(result.refusal())) {
            fail(transaction, request);
        } else if (RegistrationResult.OUT_OF_ORDER.equals(result.refusal())) {
            // RFC 3261 §10.3 step 7 fails the request without naming a code; 500 is what §12.2.2
            // answers a request whose CSeq is out of order, and nothing was changed
            respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "Out of order REGISTER (Call-ID and CSeq)");
        } else {
            respond(transaction, request, Response.BAD_REQUEST, result.refusal().replaceAll("[\\r\\n]", " "));
        }
    }

    /** Too many REGISTERs wait for the registrar: this one is refused for now (RFC 3261 §21.5.4). */
    void overloaded(ServerTransaction transaction, Request request) {
        try {
            respond(transaction, request, Response.SERVICE_UNAVAILABLE, "Registrar busy, retry",
                    headers.createRetryAfterHeader(1 + ThreadLocalRandom.current().nextInt(5)));
        } catch (javax.sip.InvalidArgumentException e) {
            respond(transaction, request, Response.SERVICE_UNAVAILABLE, "Registrar busy, retry");
        }
    }

    /** The registrar could not answer: the client may retry. */
    void fail(ServerTransaction transaction, Request request) {
        respond(transaction, request, Response.SERVER_INTERNAL_ERROR, "Registration not stored, retry");
    }

    private void ok(ServerTransaction transaction, Request request, List<Binding> bindings) {
        List<Header> extra = new ArrayList<>();
        for (Binding binding : bindings) {
            try {
                ContactHeader contact = headers.createContactHeader(addresses.createAddress(addresses.createURI(binding.uri())));
                contact.setExpires((int) Math.min(Integer.MAX_VALUE, binding.expiresSeconds()));
                extra.add(contact);
            } catch (Exception e) {
                LOG.log(Level.FINE, "A stored contact is not a URI: " + binding.uri(), e);
            }
        }
        extra.add(headers.createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        respond(transaction, request, Response.OK, null, extra.toArray(Header[]::new));
    }

    private Header[] allow() throws java.text.ParseException {
        List<Header> allow = new ArrayList<>();
        for (String method : ALLOW) {
            allow.add(headers.createAllowHeader(method));
        }
        return allow.toArray(Header[]::new);
    }

    void respond(ServerTransaction transaction, Request request, int status, String reason, Header... extra) {
        respondTagged(transaction, request, status, reason, null, extra);
    }

    /** A response whose To tag (when the request has none) is {@code tag}, or a random one. */
    private void respondTagged(ServerTransaction transaction, Request request, int status, String reason, String tag,
                               Header... extra) {
        try {
            Response response = messages.createResponse(status, request);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to != null && to.getTag() == null) {
                to.setTag(tag != null ? tag : Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            for (Header header : extra) {
                response.addHeader(header);
            }
            response.addHeader(headers.createHeader("Server", "Liaison"));
            transaction.sendResponse(response);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not answer a " + request.getMethod() + " with " + status, e);
        }
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

    @Override
    public void processResponse(ResponseEvent event) {
        // the answers to NOTIFYs: a refusal ends the subscription (RFC 6665 §4.2.2)
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (response.getStatusCode() >= 300 && cseq != null && Request.NOTIFY.equals(cseq.getMethod())) {
            subscriptions.drop(keyOf(response));
        }
    }

    /** The subscription a NOTIFY (or its response) belongs to: our tag is in From, the subscriber's in To. */
    private static SipSubscriptions.Key keyOf(javax.sip.message.Message notify) {
        return new SipSubscriptions.Key(((CallIdHeader) notify.getHeader(CallIdHeader.NAME)).getCallId(),
                ((ToHeader) notify.getHeader(ToHeader.NAME)).getTag(), ((FromHeader) notify.getHeader(FromHeader.NAME)).getTag());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // server transactions time out silently: the client retransmits or gives up;
        // a NOTIFY nobody answered ends its subscription (RFC 6665 §4.2.2)
        if (!event.isServerTransaction() && event.getClientTransaction() != null
                && Request.NOTIFY.equals(event.getClientTransaction().getRequest().getMethod())) {
            subscriptions.drop(keyOf(event.getClientTransaction().getRequest()));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.fine(() -> "SIP transport error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing is kept per transaction beyond the pending REGISTERs
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // the registrar makes no dialogs
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.DisclosedState;
import dev.liaison.sip.control.RegistrationRules;

import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A SUBSCRIBE to the {@code presence} package (RFC 6665, RFC 3856) of {@code sip:user@realm}: the
 * subscriber is the digest-authenticated user, the answer is 200 with the granted Expires, and a
 * NOTIFY with the state the subscriber may see follows at once. A user who does not exist is
 * subscribed to like any other and shows UNKNOWN, as one who denies the subscriber. The
 * {@code presence.winfo} package (RFC 3857) goes the same way, for the user themself only
 * ({@link EventPackages}). In order: Event (400 without one, 489 with Allow-Events for another
 * package), Accept (406), authentication, the presentity (404 outside the realm, 403 for another
 * user's watcher information), the expiry (423 with Min-Expires); a SUBSCRIBE in a dialog is a
 * refresh or an end (481 for a dialog this node does not hold).
 *
 * <p>The live subscriptions and their NOTIFYs are {@link SipSubscriptions}'.
 */
final class SubscribeHandler implements MethodHandler {

    private final Responses responses;
    private final DigestAuthenticator authenticator;
    private final RegistrationRules expiry;
    private final EventPackages packages;
    private final SipSubscriptions subscriptions;
    private final String realm;

    SubscribeHandler(Responses responses, DigestAuthenticator authenticator, RegistrationRules expiry, EventPackages packages,
                     SipSubscriptions subscriptions, String realm) {
        this.responses = responses;
        this.authenticator = authenticator;
        this.expiry = expiry;
        this.packages = packages;
        this.subscriptions = subscriptions;
        this.realm = realm;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) throws Exception {
        HeaderFactory headers = responses.headers();
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null) {
            responses.respond(transaction, request, Response.BAD_REQUEST, "Missing Event header");
            return;
        }
        String eventPackage = event.getEventType();
        if (!EventPackages.NAMES.contains(eventPackage)) {
            List<Header> allowEvents = new ArrayList<>();
            for (String name : EventPackages.NAMES) {
                allowEvents.add(headers.createAllowEventsHeader(name));
            }
            responses.respond(transaction, request, Response.BAD_EVENT, null, allowEvents.toArray(Header[]::new));
            return;
        }
        if (!EventPackages.accepts(request, eventPackage)) {
            List<String> type = EventPackages.mediaType(eventPackage);
            responses.respond(transaction, request, Response.NOT_ACCEPTABLE, null, headers.createAcceptHeader(type.get(0), type.get(1)));
            return;
        }
        String username = authenticator.authenticate(transaction, request);
        if (username == null) {
            return;
        }
        SipURI presentity = (SipURI) request.getRequestURI();
        if (presentity.getUser() == null || !realm.equalsIgnoreCase(presentity.getHost())) {
            // another domain, or no user part: nothing here says whether a user exists
            responses.respond(transaction, request, Response.NOT_FOUND, "Not a presentity of " + realm);
            return;
        }
        if (!EventPackages.permitted(eventPackage, username, presentity.getUser())) {
            responses.respond(transaction, request, Response.FORBIDDEN, null);
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = expiry.granted(expiresHeader == null ? -1 : expiresHeader.getExpires());
        if (expires < 0) {
            responses.respond(transaction, request, Response.INTERVAL_TOO_BRIEF, null, headers.createMinExpiresHeader(expiry.minExpires()));
            return;
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String remoteTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        if (to.getTag() != null) {
            inDialog(transaction, request, new SipSubscriptions.Key(callId, remoteTag, to.getTag()), eventPackage, username, expires);
            return;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (contact == null || contact.getAddress() == null || remoteTag == null) {
            responses.respond(transaction, request, Response.BAD_REQUEST, contact == null ? "Missing Contact header" : "Missing From tag");
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
        responses.respondTagged(transaction, request, Response.OK, null, localTag, headers.createExpiresHeader(expires),
                headers.createContactHeader(responses.ourAddress(transport)));
        if (expires == 0) {
            subscriptions.fetch(subscription);
        } else {
            subscriptions.start(subscription);
        }
    }

    /** A SUBSCRIBE in an existing dialog: a refresh, or an end with Expires 0 (RFC 6665 §4.2.1.2). */
    private void inDialog(ServerTransaction transaction, Request request, SipSubscriptions.Key key, String eventPackage,
                          String username, int expires) throws Exception {
        HeaderFactory headers = responses.headers();
        SipSubscriptions.Subscription existing = subscriptions.find(key);
        if (existing == null || !existing.body.event().equals(eventPackage)) {
            responses.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        } else if (!existing.watcher.equals(username)) {
            responses.respond(transaction, request, Response.FORBIDDEN, null);
        } else if (expires == 0) {
            responses.respond(transaction, request, Response.OK, null, headers.createExpiresHeader(0));
            subscriptions.end(existing);
        } else {
            responses.respond(transaction, request, Response.OK, null, headers.createExpiresHeader(expires));
            subscriptions.refresh(existing, expires);
        }
    }

    /** What {@code watcher} may see of {@code target} changed (committed): NOTIFY its subscriptions. */
    void presenceChanged(String target, String watcher, DisclosedState state) {
        subscriptions.changed(target, watcher, state);
    }

    /** Who watches {@code user} may have changed (committed): their watcher-information subscriptions look again. */
    void watchersChanged(String user) {
        subscriptions.watchersChanged(user);
    }

    /** The messages waiting for {@code user} changed: their message-summary subscriptions look again. */
    void messagesWaiting(String user) {
        subscriptions.messagesWaiting(user);
    }

    /** Ends expired subscriptions and sends the changes the rate limit held back. */
    void sweep() {
        subscriptions.sweep();
    }

    /** Ends every subscription of this node with a NOTIFY asking the subscriber to subscribe again. */
    void shutdown() {
        subscriptions.shutdown();
    }

    /** The subscriber refused or did not answer a NOTIFY of this dialog: the subscription is over (RFC 6665 §4.2.2). */
    void notifyFailed(SipSubscriptions.Key key) {
        subscriptions.drop(key);
    }
}

package dev.liaison.sip.boundary;

import dev.liaison.sip.control.PeerDomains;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who sends a MESSAGE or an INVITE, and whether we take it: the sending IM server's and the
 * receiving IM server's checks, in one place.
 * <ul>
 *   <li>A user of ours is authenticated with digest and must be the {@code From}; its request is
 *       for a user of ours, or goes on to a peer domain's server ({@link Sender#onward}); any other
 *       domain is {@code 403 No relay to …}.</li>
 *   <li>A user of another domain comes in only through that domain's server, signed by it
 *       ({@link PeerDomains}), and only to a user of ours: never relayed on.</li>
 * </ul>
 */
final class Senders {

    /**
     * The sender: {@code username} of ours (null for a user of another domain), its {@code From}
     * URI, and the peer domain the request goes on to, if it is not for us.
     */
    record Sender(String username, SipURI from, Optional<dev.liaison.platform.PeerRoutes.Route> onward) {
    }

    private final Responses responses;
    private final DigestAuthenticator authenticator;
    private final Set<String> ourHosts;
    private final PeerDomains peers;

    Senders(Responses responses, DigestAuthenticator authenticator, Set<String> ourHosts, PeerDomains peers) {
        this.responses = responses;
        this.authenticator = authenticator;
        this.ourHosts = Set.copyOf(ourHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.peers = peers;
    }

    /** Whether {@code host} names this domain (the realm, or an address we listen on). */
    boolean ours(String host) {
        return ourHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * The sender of {@code request} to {@code target}, or null once it was answered (a challenge or
     * a refusal).
     *
     * @param forUs          whether the target is ours (a user, a group, the store)
     * @param foreignAllowed whether a user of another domain may send this to that target
     * @param body           the body a peer's signature covers
     */
    Sender identify(ServerTransaction transaction, Request request, SipURI target, boolean forUs, boolean foreignAllowed,
                    byte[] body) throws Exception {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        if (!(from.getAddress().getURI() instanceof SipURI fromUri) || fromUri.getUser() == null) {
            responses.respond(transaction, request, Response.FORBIDDEN, "From is not a user's SIP URI");
            return null;
        }
        String fromHost = fromUri.getHost().toLowerCase(Locale.ROOT);
        if (!ours(fromHost)) {
            // a user of another domain: only that domain's server brings its requests, and only to us
            if (!forUs || !foreignAllowed) {
                responses.respond(transaction, request, Response.FORBIDDEN, "No relay to " + target.getHost());
                return null;
            }
            Optional<String> refusal = peers.refusal(PeerRequests.signature(request), fromHost,
                    PeerRequests.signed(request, body), System.currentTimeMillis() / 1000);
            if (refusal.isPresent()) {
                responses.respond(transaction, request, Response.FORBIDDEN, refusal.get());
                return null;
            }
            return new Sender(null, fromUri, Optional.empty());
        }
        Optional<dev.liaison.platform.PeerRoutes.Route> peer = forUs ? Optional.empty() : peers.routeTo(target.getHost());
        if (!forUs && peer.isEmpty()) {
            responses.respond(transaction, request, Response.FORBIDDEN, "No relay to " + target.getHost());
            return null;
        }
        String username = authenticator.authenticate(transaction, request);
        if (username == null) {
            return null;
        }
        if (!username.equals(fromUri.getUser())) {
            responses.respond(transaction, request, Response.FORBIDDEN, "From is not the authenticated user");
            return null;
        }
        return new Sender(username, fromUri, peer);
    }
}

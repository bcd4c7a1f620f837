package dev.liaison.sip.boundary;

import dev.liaison.im.boundary.PeerHandOffView;
import dev.liaison.im.boundary.PeerOutbox;
import dev.liaison.platform.PeerRoutes;
import dev.liaison.sip.control.PeerDomains;

import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the {@link PeerOutbox} holds for peer domains' servers: each hand-off as a MESSAGE
 * from our sender to the member (or the notified sender) of the peer's domain, through the
 * peer's route, signed for our domain ({@link PeerDomains}), with the correlation id both servers
 * log the leg under ({@link HopLog#HEADER}) and, for a group member's copy, the group it comes
 * from ({@link PeerGroups#HEADER}). The peer's answer goes back to the outbox, which forgets the
 * hand-off, schedules it again, or gives it up. Run when hand-offs were committed and by a sweep.
 */
final class PeerDispatcher {

    private static final Logger LOG = Logger.getLogger(PeerDispatcher.class.getName());

    /** The most hand-offs one drain claims and sends. */
    static final int BATCH = 100;

    /** The outbox as the dispatcher uses it. */
    interface Outbox {
        List<PeerHandOffView> claim(String token, int limit);

        PeerOutbox.Outcome answered(long id, int status);
    }

    private final OutgoingRequests outgoing;
    private final PeerDomains peers;
    private final String realm;
    private final HopLog hops;
    private final Outbox outbox;
    private final Executor executor;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    PeerDispatcher(OutgoingRequests outgoing, PeerDomains peers, String realm, HopLog hops, Outbox outbox, Executor executor) {
        this.outgoing = outgoing;
        this.peers = peers;
        this.realm = realm;
        this.hops = hops;
        this.outbox = outbox;
        this.executor = executor;
    }

    /** Claims what is due and sends it; a call while a drain runs makes that drain look once more. */
    void drain() {
        again.set(true);
        while (again.getAndSet(false)) {
            if (!draining.compareAndSet(false, true)) {
                return;
            }
            try {
                List<PeerHandOffView> due;
                do {
                    due = outbox.claim(UUID.randomUUID().toString(), BATCH);
                    due.forEach(this::send);
                } while (due.size() == BATCH);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The peer outbox could not be read", e);
            } finally {
                draining.set(false);
            }
        }
    }

    private void send(PeerHandOffView handOff) {
        Optional<PeerRoutes.Route> route = peers.routeTo(handOff.peer());
        if (route.isEmpty()) {
            // the peer was taken out of the settings: nowhere to send it any more
            answered(handOff, javax.sip.message.Response.FORBIDDEN);
            return;
        }
        try {
            var addresses = outgoing.addresses();
            var headers = outgoing.headers();
            List<Header> extra = new ArrayList<>();
            extra.add(headers.createHeader(HopLog.HEADER, handOff.correlation()));
            if (handOff.group() != null) {
                extra.add(headers.createHeader(PeerGroups.HEADER, handOff.group()));
            }
            ContentTypeHeader type = (ContentTypeHeader) headers.createHeader(ContentTypeHeader.NAME, handOff.contentType());
            outgoing.message(handOff.to(), route.get().routeUri(), addresses.createAddress(handOff.from()),
                    addresses.createAddress(handOff.to()), handOff.callId(), type, handOff.body(), extra,
                    request -> List.of(sign(request, route.get().domain())), status -> answered(handOff, status));
        } catch (java.text.ParseException | RuntimeException e) {
            LOG.log(Level.WARNING, "A hand-off to " + handOff.to() + " could not be made", e);
            answered(handOff, OutgoingRequests.UNREACHABLE);
        }
    }

    private Header sign(Request request, String peer) {
        try {
            return outgoing.headers().createHeader(PeerDomains.HEADER, peers.sign(realm, peer,
                    PeerRequests.signed(request, request.getRawContent()), System.currentTimeMillis() / 1000));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a peer signature is a header value", e);
        }
    }

    /** The peer's answer goes to the outbox off the SIP thread; a leg that ended is logged. */
    private void answered(PeerHandOffView handOff, int status) {
        executor.execute(() -> {
            try {
                PeerOutbox.Outcome outcome = outbox.answered(handOff.id(), status);
                if (outcome != PeerOutbox.Outcome.WAITING) {
                    hops.record(HopLog.RELAYED, userOf(handOff.from()), HopLog.detail(handOff.correlation(), Request.MESSAGE,
                            handOff.peer(), handOff.to().replaceFirst("^sip:", ""), status));
                } else {
                    LOG.fine(() -> handOff.peer() + " did not take a hand-off for " + handOff.to() + " (" + status + "): it waits");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The answer of " + handOff.peer() + " to a hand-off could not be recorded; it is sent again", e);
            }
        });
    }

    private static String userOf(String uri) {
        String text = uri.replaceFirst("^sips?:", "");
        int at = text.indexOf('@');
        return at < 0 ? text : text.substring(0, at);
    }
}

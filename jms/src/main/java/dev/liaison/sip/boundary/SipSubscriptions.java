package dev.liaison.sip.boundary;

import dev.liaison.presence.control.ConnectabilityState;
import dev.liaison.presence.control.DisclosedState;
import dev.liaison.sip.control.PresenceDocument;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live {@code presence} subscriptions of this node (RFC 6665, RFC 3856) and the NOTIFYs they
 * get. A subscription is a dialog, found by its Call-ID and tags; it lives in memory, so it is
 * local to this node and lost on restart: the subscriber's next refresh then gets 481 and it
 * subscribes again, as RFC 6665 §4.1.2.4 expects of it.
 *
 * <p>A change of state is sent at once unless the subscription had a NOTIFY less than
 * {@code minIntervalNanos} ago (RFC 3856 §6.10); then only the latest state is sent when the
 * interval is over ({@link #sweep}), which also ends the subscriptions that were not refreshed.
 */
final class SipSubscriptions {

    private static final Logger LOG = Logger.getLogger(SipSubscriptions.class.getName());
    static final String EVENT = "presence";

    /** A dialog: its Call-ID, the subscriber's tag and ours. */
    record Key(String callId, String remoteTag, String localTag) {
    }

    /** One subscription; its fields change under its own lock. */
    static final class Subscription {
        final Key key;
        final String target;
        final String watcher;
        final String entity;
        final Address local;
        final Address remote;
        final URI remoteTarget;
        final List<Address> routes;
        final String transport;
        long cseq;
        long expiresAtNanos;
        DisclosedState latest;
        DisclosedState sent;
        long sentAtNanos;
        boolean ended;

        Subscription(Key key, String target, String watcher, String entity, Address local, Address remote,
                     URI remoteTarget, List<Address> routes, String transport, int expires, DisclosedState state) {
            this.key = key;
            this.target = target;
            this.watcher = watcher;
            this.entity = entity;
            this.local = local;
            this.remote = remote;
            this.remoteTarget = remoteTarget;
            this.routes = routes;
            this.transport = transport;
            this.expiresAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(expires);
            this.latest = state;
        }
    }

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final long minIntervalNanos;
    private final java.util.function.BiConsumer<String, String> ended;
    private final Map<Key, Subscription> byDialog = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscription>> byPair = new ConcurrentHashMap<>();

    SipSubscriptions(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
                     long minIntervalMillis, java.util.function.BiConsumer<String, String> ended) {
        this.ended = ended;
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    private static String pair(String target, String watcher) {
        return target + "\n" + watcher;
    }

    Subscription find(Key key) {
        return byDialog.get(key);
    }

    /** Keeps an accepted subscription and sends its first NOTIFY. */
    void start(Subscription subscription) {
        byDialog.put(subscription.key, subscription);
        byPair.computeIfAbsent(pair(subscription.target, subscription.watcher), p -> ConcurrentHashMap.newKeySet())
                .add(subscription);
        synchronized (subscription) {
            send(subscription, false);
        }
    }

    /** A subscription that ends as soon as it is made (Expires: 0, a fetch): one final NOTIFY. */
    void fetch(Subscription subscription) {
        synchronized (subscription) {
            send(subscription, true);
        }
    }

    /** A refresh: the new expiry, and the current state at once (RFC 6665 §4.2.1.2). */
    void refresh(Subscription subscription, int expires, DisclosedState state) {
        synchronized (subscription) {
            if (subscription.ended) {
                return;
            }
            subscription.expiresAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(expires);
            subscription.latest = state;
            send(subscription, false);
        }
    }

    /** Ends a subscription with a final NOTIFY ({@code terminated;reason=timeout}). */
    void end(Subscription subscription) {
        synchronized (subscription) {
            if (subscription.ended) {
                return;
            }
            forget(subscription);
            send(subscription, true);
        }
    }

    /** The subscriber refused or did not answer a NOTIFY: the subscription is over, without another one. */
    void drop(Key key) {
        Subscription subscription = byDialog.get(key);
        if (subscription != null) {
            synchronized (subscription) {
                forget(subscription);
            }
        }
    }

    private void forget(Subscription subscription) {
        subscription.ended = true;
        if (byDialog.remove(subscription.key) != null) {
            try {
                ended.accept(subscription.target, subscription.watcher);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not forget the subscription of " + subscription.watcher + " to " + subscription.target, e);
            }
        }
        byPair.computeIfPresent(pair(subscription.target, subscription.watcher), (p, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    /** What {@code watcher} may see of {@code target} is now {@code state}. */
    void changed(String target, String watcher, DisclosedState state) {
        long now = System.nanoTime();
        for (Subscription subscription : byPair.getOrDefault(pair(target, watcher), Set.of())) {
            synchronized (subscription) {
                if (subscription.ended) {
                    continue;
                }
                subscription.latest = state;
                if (now - subscription.sentAtNanos >= minIntervalNanos) {
                    send(subscription, false);
                }
            }
        }
    }

    /** Ends the subscriptions that expired, and sends the changes the rate limit held back. */
    void sweep() {
        long now = System.nanoTime();
        for (Subscription subscription : new ArrayList<>(byDialog.values())) {
            synchronized (subscription) {
                if (subscription.ended) {
                    continue;
                }
                if (now - subscription.expiresAtNanos >= 0) {
                    forget(subscription);
                    send(subscription, true);
                } else if (!subscription.latest.equals(subscription.sent) && now - subscription.sentAtNanos >= minIntervalNanos) {
                    send(subscription, false);
                }
            }
        }
    }

    int size() {
        return byDialog.size();
    }

    /** Sends the latest state; called under the subscription's lock. */
    private void send(Subscription subscription, boolean terminated) {
        DisclosedState state = subscription.latest;
        subscription.sent = state;
        subscription.sentAtNanos = System.nanoTime();
        try {
            ListeningPoint point = provider.getListeningPoint(subscription.transport);
            if (point == null) {
                point = provider.getListeningPoints()[0];
            }
            ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
            Request notify = messages.createRequest(subscription.remoteTarget, Request.NOTIFY,
                    headers.createCallIdHeader(subscription.key.callId()),
                    headers.createCSeqHeader(++subscription.cseq, Request.NOTIFY),
                    headers.createFromHeader(subscription.local, subscription.key.localTag()),
                    headers.createToHeader(subscription.remote, subscription.key.remoteTag()),
                    new ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
            for (Address route : subscription.routes) {
                notify.addHeader(headers.createRouteHeader(route));
            }
            notify.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createSipURI(null,
                    point.getIPAddress() + ":" + point.getPort() + ";transport=" + point.getTransport()))));
            notify.addHeader(headers.createEventHeader(EVENT));
            SubscriptionStateHeader subscriptionState;
            if (terminated) {
                subscriptionState = headers.createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
                subscriptionState.setReasonCode(SubscriptionStateHeader.TIMEOUT);
            } else {
                subscriptionState = headers.createSubscriptionStateHeader(state.state() == ConnectabilityState.SUBJECT_TO_AUTHORISATION
                        ? SubscriptionStateHeader.PENDING : SubscriptionStateHeader.ACTIVE);
                long left = TimeUnit.NANOSECONDS.toSeconds(subscription.expiresAtNanos - System.nanoTime());
                subscriptionState.setExpires((int) Math.max(0, Math.min(Integer.MAX_VALUE, left)));
            }
            notify.addHeader(subscriptionState);
            notify.addHeader(headers.createHeader("Server", "Liaison"));
            notify.setContent(PresenceDocument.of(subscription.entity, state),
                    headers.createContentTypeHeader(PresenceDocument.CONTENT_TYPE, PresenceDocument.CONTENT_SUBTYPE));
            ClientTransaction transaction = provider.getNewClientTransaction(notify);
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not send a NOTIFY to " + subscription.watcher + " about " + subscription.target, e);
        }
    }
}

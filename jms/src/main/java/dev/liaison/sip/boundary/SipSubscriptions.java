package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.DisclosedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
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

/**
 * The live subscriptions of this node (RFC 6665) to every event package it serves ({@code presence},
 * RFC 3856, and {@code presence.winfo}, RFC 3857) and the NOTIFYs they get; each subscription's
 * {@link SubscriptionBody} knows its package and renders its body. A subscription is a dialog, found by its Call-ID and tags; it lives in memory, so it is
 * local to this node and lost on restart: the subscriber's next refresh then gets 481 and it
 * subscribes again, as RFC 6665 §4.1.2.4 expects of it.
 *
 * <p>A change of state is sent at once unless the subscription had a NOTIFY less than
 * {@code minIntervalNanos} ago (RFC 3856 §6.10); then only the latest state is sent when the
 * interval is over ({@link #sweep}), which also ends the subscriptions that were not refreshed.
 */
final class SipSubscriptions {

    private static final Logger LOG = Logger.getLogger(SipSubscriptions.class.getName());

    /** A dialog: its Call-ID, the subscriber's tag and ours. */
    record Key(String callId, String remoteTag, String localTag) {
    }

    /** One subscription; its fields change under its own lock. */
    static final class Subscription {
        final Key key;
        final String target;
        final String watcher;
        final Address local;
        final Address remote;
        final URI remoteTarget;
        final List<Address> routes;
        final String transport;
        final SubscriptionBody body;
        long cseq;
        long expiresAtNanos;
        long sentAtNanos;
        boolean ended;

        Subscription(Key key, String target, String watcher, Address local, Address remote,
                     URI remoteTarget, List<Address> routes, String transport, int expires, SubscriptionBody body) {
            this.key = key;
            this.target = target;
            this.watcher = watcher;
            this.body = body;
            this.local = local;
            this.remote = remote;
            this.remoteTarget = remoteTarget;
            this.routes = routes;
            this.transport = transport;
            this.expiresAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(expires);
        }
    }

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final long minIntervalNanos;
    private final Map<Key, Subscription> byDialog = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscription>> byPair = new ConcurrentHashMap<>();

    SipSubscriptions(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
                     long minIntervalMillis) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    private static String pair(String event, String target, String watcher) {
        return event + "\n" + target + "\n" + watcher;
    }

    private static String pair(Subscription subscription) {
        return pair(subscription.body.event(), subscription.target, subscription.watcher);
    }

    Subscription find(Key key) {
        return byDialog.get(key);
    }

    /** Keeps an accepted subscription and sends its first NOTIFY. */
    void start(Subscription subscription) {
        byDialog.put(subscription.key, subscription);
        byPair.computeIfAbsent(pair(subscription), p -> ConcurrentHashMap.newKeySet()).add(subscription);
        synchronized (subscription) {
            send(subscription, false, true);
        }
    }

    /** A subscription that ends as soon as it is made (Expires: 0, a fetch): one final NOTIFY. */
    void fetch(Subscription subscription) {
        synchronized (subscription) {
            send(subscription, true, true);
        }
    }

    /** A refresh: the new expiry, and the current state at once (RFC 6665 §4.2.1.2). */
    void refresh(Subscription subscription, int expires) {
        synchronized (subscription) {
            if (subscription.ended) {
                return;
            }
            subscription.expiresAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(expires);
            subscription.body.refreshed();
            send(subscription, false, true);
        }
    }

    /** Ends a subscription with a final NOTIFY ({@code terminated;reason=timeout}). */
    void end(Subscription subscription) {
        synchronized (subscription) {
            if (subscription.ended) {
                return;
            }
            forget(subscription);
            send(subscription, true, true);
        }
    }

    /**
     * This node stops serving subscriptions (undeploy, shutdown): each one ends with a final
     * NOTIFY {@code terminated;reason=deactivated}, which tells the subscriber to subscribe again
     * at once (RFC 6665 §4.1.3), to this node once it is back or to another one of a cluster. The
     * core is not told of the ends: what it keeps of live watchers goes away with this node.
     */
    void shutdown() {
        for (Subscription subscription : new ArrayList<>(byDialog.values())) {
            synchronized (subscription) {
                if (subscription.ended) {
                    continue;
                }
                subscription.ended = true;
                byDialog.remove(subscription.key);
                send(subscription, SubscriptionStateHeader.DEACTIVATED, true);
            }
        }
        byPair.clear();
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
                subscription.body.ended();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not forget the subscription of " + subscription.watcher + " to " + subscription.target, e);
            }
        }
        byPair.computeIfPresent(pair(subscription), (p, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    /** What {@code watcher} may see of {@code target} is now {@code state}. */
    void changed(String target, String watcher, DisclosedState state) {
        long now = System.nanoTime();
        for (Subscription subscription : byPair.getOrDefault(pair(PresenceBody.EVENT, target, watcher), Set.of())) {
            synchronized (subscription) {
                if (subscription.ended) {
                    continue;
                }
                ((PresenceBody) subscription.body).update(state);
                if (now - subscription.sentAtNanos >= minIntervalNanos) {
                    send(subscription, false, false);
                }
            }
        }
    }

    /** The watchers of {@code user} may have changed: their watcher-information subscriptions look again. */
    void watchersChanged(String user) {
        touched(WatcherInfoBody.EVENT, user);
    }

    /** The messages waiting for {@code user} changed: their message-summary subscriptions look again. */
    void messagesWaiting(String user) {
        touched(MessageSummaryBody.EVENT, user);
    }

    /** What {@code user}'s own subscriptions to {@code event} tell may have changed. */
    private void touched(String event, String user) {
        long now = System.nanoTime();
        for (Subscription subscription : byPair.getOrDefault(pair(event, user, user), Set.of())) {
            synchronized (subscription) {
                if (subscription.ended) {
                    continue;
                }
                subscription.body.touch();
                if (now - subscription.sentAtNanos >= minIntervalNanos) {
                    send(subscription, false, false);
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
                    send(subscription, true, true);
                } else if (subscription.body.hasNews() && now - subscription.sentAtNanos >= minIntervalNanos) {
                    send(subscription, false, false);
                }
            }
        }
    }

    int size() {
        return byDialog.size();
    }

    /**
     * Sends the latest state, unless nothing changed that the subscriber would see and the NOTIFY
     * is not {@code forced} (the first, a refresh, the last); called under the subscription's lock.
     */
    private void send(Subscription subscription, boolean terminated, boolean forced) {
        send(subscription, terminated ? SubscriptionStateHeader.TIMEOUT : null, forced);
    }

    /** As above; {@code endReason} is the reason of a terminating NOTIFY, null for one that keeps the subscription. */
    private void send(Subscription subscription, String endReason, boolean forced) {
        boolean terminated = endReason != null;
        SubscriptionBody.Notice notice;
        try {
            notice = subscription.body.next(forced || terminated);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read what " + subscription.watcher + " is told about " + subscription.target, e);
            return;
        }
        if (notice == null) {
            return;
        }
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
            notify.addHeader(headers.createEventHeader(subscription.body.event()));
            SubscriptionStateHeader subscriptionState;
            if (terminated) {
                subscriptionState = headers.createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
                subscriptionState.setReasonCode(endReason);
            } else {
                subscriptionState = headers.createSubscriptionStateHeader(notice.pending()
                        ? SubscriptionStateHeader.PENDING : SubscriptionStateHeader.ACTIVE);
                long left = TimeUnit.NANOSECONDS.toSeconds(subscription.expiresAtNanos - System.nanoTime());
                subscriptionState.setExpires((int) Math.max(0, Math.min(Integer.MAX_VALUE, left)));
            }
            notify.addHeader(subscriptionState);
            notify.addHeader(headers.createHeader("Server", "Liaison"));
            notify.setContent(notice.body(),
                    headers.createContentTypeHeader(subscription.body.contentType(), subscription.body.contentSubtype()));
            ClientTransaction transaction = provider.getNewClientTransaction(notify);
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Could not send a NOTIFY to " + subscription.watcher + " about " + subscription.target, e);
        }
    }
}

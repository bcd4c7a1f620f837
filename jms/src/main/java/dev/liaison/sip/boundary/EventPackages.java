package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.Presence;
import dev.liaison.presence.boundary.WatcherInfo;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.DisclosedState;
import dev.liaison.sip.control.PresenceDocument;
import dev.liaison.sip.control.WatcherInfoDocument;

import javax.sip.header.AcceptHeader;
import javax.sip.message.Request;
import java.util.List;
import java.util.ListIterator;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The event packages a SUBSCRIBE may name, and what each asks of it: {@code presence} (RFC 3856),
 * which anyone may subscribe to, and {@code presence.winfo} (RFC 3857), which only the user whose
 * presence it is may subscribe to, and {@code message-summary} (RFC 3842), the instant messages
 * waiting for the subscriber in the offline store, for the account's own user only.
 */
final class EventPackages {

    /** In the order Allow-Events lists them. */
    static final List<String> NAMES = List.of(PresenceBody.EVENT, WatcherInfoBody.EVENT, MessageSummaryBody.EVENT);

    private final Presence presence;
    private final WatcherInfo watcherInfo;
    private final BiConsumer<String, String> askAuthorisation;
    private final String realm;
    private final Function<String, long[]> waiting;

    /**
     * @param askAuthorisation hands the authorisation request of a new subscription (target, watcher)
     *                         to the broker; returns once the broker holds it
     * @param waiting          how many messages wait for a user in the offline store, and their bytes
     */
    EventPackages(Presence presence, WatcherInfo watcherInfo, BiConsumer<String, String> askAuthorisation, String realm,
                  Function<String, long[]> waiting) {
        this.presence = presence;
        this.watcherInfo = watcherInfo;
        this.askAuthorisation = askAuthorisation;
        this.realm = realm;
        this.waiting = waiting;
    }

    /** The media type of the package's documents: type and subtype. */
    static List<String> mediaType(String event) {
        if (MessageSummaryBody.EVENT.equals(event)) {
            return List.of(MessageSummaryBody.CONTENT_TYPE, MessageSummaryBody.CONTENT_SUBTYPE);
        }
        return WatcherInfoBody.EVENT.equals(event)
                ? List.of(WatcherInfoDocument.CONTENT_TYPE, WatcherInfoDocument.CONTENT_SUBTYPE)
                : List.of(PresenceDocument.CONTENT_TYPE, PresenceDocument.CONTENT_SUBTYPE);
    }

    /** Whether the subscriber takes the package's documents: no Accept means it does (RFC 3856 §6.7, RFC 3857 §4.4). */
    static boolean accepts(Request request, String event) {
        List<String> wanted = mediaType(event);
        ListIterator<?> it = request.getHeaders(AcceptHeader.NAME);
        if (!it.hasNext()) {
            return true;
        }
        while (it.hasNext()) {
            AcceptHeader accept = (AcceptHeader) it.next();
            String type = accept.getContentType();
            String subtype = accept.getContentSubType();
            if (type == null || "*".equals(type) || (wanted.get(0).equalsIgnoreCase(type)
                    && ("*".equals(subtype) || wanted.get(1).equalsIgnoreCase(subtype)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code subscriber} may subscribe to the package of {@code presentity}: who watches a
     * user is the user's own business (RFC 3857 §5.2). The answer depends on the two names only,
     * so it tells nothing about whether the presentity exists.
     */
    static boolean permitted(String event, String subscriber, String presentity) {
        return PresenceBody.EVENT.equals(event) || subscriber.equals(presentity);
    }

    /**
     * The body of a new subscription of {@code subscriber} to {@code presentity}. A presence
     * subscriber (unless it only fetches) counts as a live watcher from now on; one whom the user
     * must authorise first has the request handed to the broker before this returns, so the
     * SUBSCRIBE is answered only once it cannot be lost.
     */
    SubscriptionBody open(String event, String presentity, String subscriber, boolean fetch) {
        String entity = "sip:" + presentity + "@" + realm;
        if (WatcherInfoBody.EVENT.equals(event)) {
            return new WatcherInfoBody(entity, realm, before -> watcherInfo.watchersOf(presentity, before));
        }
        if (MessageSummaryBody.EVENT.equals(event)) {
            return new MessageSummaryBody(entity, () -> waiting.apply(presentity));
        }
        DisclosedState state = fetch ? presence.stateFor(presentity, subscriber) : presence.watch(presentity, subscriber);
        if (!fetch && state.state() == ConnectabilityState.SUBJECT_TO_AUTHORISATION) {
            try {
                askAuthorisation.accept(presentity, subscriber);
            } catch (RuntimeException e) {
                presence.unwatch(presentity, subscriber);
                throw e;
            }
        }
        return new PresenceBody(entity, state, () -> presence.stateFor(presentity, subscriber),
                () -> presence.unwatch(presentity, subscriber));
    }
}

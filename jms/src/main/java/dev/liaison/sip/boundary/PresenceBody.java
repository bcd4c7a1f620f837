package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.DisclosedState;
import dev.liaison.sip.control.PresenceDocument;

import java.util.function.Supplier;

/**
 * The {@code presence} package (RFC 3856): a PIDF document of the connectability the subscriber
 * may see (with the transfer target for a watcher trusted with it), pending while that is
 * SUBJECT_TO_AUTHORISATION.
 */
final class PresenceBody implements SubscriptionBody {

    static final String EVENT = "presence";

    private final String entity;
    private final Supplier<DisclosedState> current;
    private final Runnable onEnd;
    private DisclosedState latest;
    private DisclosedState sent;

    /**
     * @param entity  the presentity URI
     * @param state   the state the first NOTIFY carries
     * @param current reads the state again (on a refresh)
     * @param onEnd   what ends with the subscription (the watcher stops counting as live)
     */
    PresenceBody(String entity, DisclosedState state, Supplier<DisclosedState> current, Runnable onEnd) {
        this.entity = entity;
        this.latest = state;
        this.current = current;
        this.onEnd = onEnd;
    }

    /** What the subscriber may see is now {@code state}. */
    void update(DisclosedState state) {
        latest = state;
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return PresenceDocument.CONTENT_TYPE;
    }

    @Override
    public String contentSubtype() {
        return PresenceDocument.CONTENT_SUBTYPE;
    }

    @Override
    public boolean hasNews() {
        return !latest.equals(sent);
    }

    @Override
    public Notice next(boolean forced) {
        // every change is sent, even back to the state last sent, as before the packages were split
        sent = latest;
        return new Notice(PresenceDocument.of(entity, latest), latest.state() == ConnectabilityState.SUBJECT_TO_AUTHORISATION);
    }

    @Override
    public void refreshed() {
        latest = current.get();
    }

    @Override
    public void ended() {
        onEnd.run();
    }
}

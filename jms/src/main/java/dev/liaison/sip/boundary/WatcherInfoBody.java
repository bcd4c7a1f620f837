package dev.liaison.sip.boundary;

import dev.liaison.presence.boundary.WatcherView;
import dev.liaison.sip.control.WatcherInfoDocument;

import java.util.List;
import java.util.function.Function;

/**
 * The {@code presence.winfo} package (RFC 3857): who watches the subscriber's own presence, as a
 * full-state watcher-information document (RFC 3858) whose version counts this subscription's
 * NOTIFYs from 0. A change that leaves the list as it was sends nothing.
 */
final class WatcherInfoBody implements SubscriptionBody {

    static final String EVENT = "presence.winfo";

    private final String resource;
    private final String realm;
    private final Function<List<WatcherView>, List<WatcherView>> watchers;
    private List<WatcherView> listed = List.of();
    private long version;
    private boolean news = true;

    /**
     * @param resource the subscriber's own URI
     * @param realm    the domain of usernames
     * @param watchers the list now, given the list last sent
     */
    WatcherInfoBody(String resource, String realm, Function<List<WatcherView>, List<WatcherView>> watchers) {
        this.resource = resource;
        this.realm = realm;
        this.watchers = watchers;
    }

    /** The watchers may have changed: read them when the rate limit allows. */
    @Override
    public void touch() {
        news = true;
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return WatcherInfoDocument.CONTENT_TYPE;
    }

    @Override
    public String contentSubtype() {
        return WatcherInfoDocument.CONTENT_SUBTYPE;
    }

    @Override
    public boolean hasNews() {
        return news;
    }

    @Override
    public Notice next(boolean forced) {
        List<WatcherView> now = watchers.apply(listed);
        news = false;
        if (!forced && now.equals(listed)) {
            return null;
        }
        listed = now.stream().filter(w -> w.status() != WatcherView.Status.TERMINATED).toList();
        return new Notice(WatcherInfoDocument.of(version++, resource, now, realm), false);
    }

    @Override
    public void refreshed() {
        news = true;
    }

    @Override
    public void ended() {
        // a watcher-information subscription holds nothing beyond itself
    }
}

package dev.liaison.sip.boundary;

/**
 * What the subscriptions of one event package tell and how (RFC 6665 §7): the Event header, the
 * body's media type, and the body itself, rendered when a NOTIFY goes out. Called under the lock
 * of its subscription.
 */
interface SubscriptionBody {

    /** A body to send, and whether the subscription is still pending authorisation. */
    record Notice(String body, boolean pending) {
    }

    String event();

    String contentType();

    String contentSubtype();

    /** What the package tells may have changed: it looks again when the rate limit allows. */
    default void touch() {
    }

    /** Whether something changed since the last NOTIFY (then one is owed once the rate limit allows). */
    boolean hasNews();

    /**
     * The body of the next NOTIFY, or null when nothing the subscriber would see changed and
     * {@code forced} is false; rendering counts as sent.
     */
    Notice next(boolean forced);

    /** The subscriber refreshed: the next NOTIFY carries the state of now. */
    void refreshed();

    /** The subscription is over (once). */
    void ended();
}

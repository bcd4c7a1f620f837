package dev.liaison.sip.boundary;

import java.util.function.Supplier;

/**
 * The {@code message-summary} package (RFC 3842) of the subscriber's own account: whether
 * instant messages wait in the offline store, and how many, as a {@code Text-Message} count
 * (RFC 3458's class for text messaging). A change of the count sends a NOTIFY; one that leaves it
 * as it was sends nothing.
 */
final class MessageSummaryBody implements SubscriptionBody {

    static final String EVENT = "message-summary";
    static final String CONTENT_TYPE = "application";
    static final String CONTENT_SUBTYPE = "simple-message-summary";

    private final String account;
    private final Supplier<long[]> waiting;
    private long told = -1;
    private boolean news = true;

    /**
     * @param account the subscriber's own URI
     * @param waiting how many messages wait now, and their bytes
     */
    MessageSummaryBody(String account, Supplier<long[]> waiting) {
        this.account = account;
        this.waiting = waiting;
    }

    /** The body for {@code count} waiting messages (none read: the store keeps only unread ones). */
    static String summary(String account, long count) {
        return "Messages-Waiting: " + (count > 0 ? "yes" : "no") + "\r\n"
                + "Message-Account: " + account + "\r\n"
                + "Text-Message: " + count + "/0\r\n";
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String contentSubtype() {
        return CONTENT_SUBTYPE;
    }

    @Override
    public void touch() {
        news = true;
    }

    @Override
    public boolean hasNews() {
        return news;
    }

    @Override
    public Notice next(boolean forced) {
        long count = waiting.get()[0];
        news = false;
        if (!forced && count == told) {
            return null;
        }
        told = count;
        return new Notice(summary(account, count), false);
    }

    @Override
    public void refreshed() {
        news = true;
    }

    @Override
    public void ended() {
        // nothing is held for a message-summary subscription
    }
}

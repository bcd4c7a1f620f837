package dev.liaison.events.control;

/** What a service's answer to a push means for its notifications. */
public enum PushOutcome {
    /** 2xx: acknowledged; the next one may go. */
    DELIVERED,
    /** 410 Gone: the service no longer wants pushes; it is disconnected and its notifications wait. */
    GONE,
    /** Anything else, or no answer: the same notification goes again later, and nothing after it before. */
    RETRY;

    public static PushOutcome of(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        return status == 410 ? GONE : RETRY;
    }
}

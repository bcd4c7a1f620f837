package dev.liaison.im.boundary;

import jakarta.ejb.ApplicationException;

/**
 * The recipient's store cannot take a message sent from the web: nothing was kept. The REST
 * boundary says so as SIP does ({@code 480 Offline message store full}, {@code 513}).
 */
@ApplicationException(rollback = true)
public class MessageRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: {@link StoreResult.Outcome#QUOTA_EXCEEDED} or {@link StoreResult.Outcome#TOO_LARGE}. */
    private final StoreResult.Outcome reason;

    public MessageRefused(StoreResult.Outcome reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreResult.Outcome reason() {
        return reason;
    }
}

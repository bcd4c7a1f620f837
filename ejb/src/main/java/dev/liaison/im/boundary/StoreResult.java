package dev.liaison.im.boundary;

/**
 * What became of an {@link OfflineMessage}: kept (or kept before, when it was sent again), or
 * refused and why. Only a committed {@link Outcome#STORED} or {@link Outcome#DUPLICATE} may be
 * answered "accepted" ({@code 202}).
 */
public record StoreResult(Outcome outcome, Long id) {

    public enum Outcome {
        /** Kept now, under {@code id}. */
        STORED,
        /** The same message was kept before, under {@code id}; nothing new was kept. */
        DUPLICATE,
        /** No such user here: nothing kept. Answered as if kept, so the answer tells nothing of who exists. */
        NO_SUCH_USER,
        /** The recipient's store is full (count or bytes). */
        QUOTA_EXCEEDED,
        /** The message alone is larger than one stored message may be. */
        TOO_LARGE,
        /** The store could not keep it (the database failed); the sender may try again. */
        NOT_STORED,
        /** A message to a group whose sender is not a member (or to no group): nothing kept. */
        NOT_A_MEMBER
    }

    public static StoreResult of(Outcome outcome) {
        return new StoreResult(outcome, null);
    }

    /** Whether the sender may be told the message is accepted for delivery. */
    public boolean accepted() {
        return outcome == Outcome.STORED || outcome == Outcome.DUPLICATE || outcome == Outcome.NO_SUCH_USER;
    }
}

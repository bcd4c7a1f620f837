package dev.liaison.im.boundary;

/**
 * What became of a {@link ChunkDeposit}: kept and waiting for the rest ({@link Outcome#KEPT}),
 * or the message it completed and what the store made of it.
 */
public record ChunkResult(Outcome outcome, Long messageId) {

    public enum Outcome {
        /** The chunk is kept; the message is not whole yet. */
        KEPT,
        /** The chunk completed the message, now kept under {@code messageId}. */
        STORED,
        /** The message was kept before (a chunk sent again after it was whole). */
        DUPLICATE,
        /** The sender gave the message up: its chunks are forgotten. */
        ABORTED,
        /** The recipient's store is full. */
        QUOTA_EXCEEDED,
        /** The message is larger than one stored message may be. */
        TOO_LARGE
    }

    public static ChunkResult of(Outcome outcome) {
        return new ChunkResult(outcome, null);
    }

    /** Whether the chunk may be answered {@code 200}: it is kept, or its message is. */
    public boolean accepted() {
        return outcome == Outcome.KEPT || outcome == Outcome.STORED || outcome == Outcome.DUPLICATE
                || outcome == Outcome.ABORTED;
    }
}

package dev.liaison.msrp.control;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts messages together from their SEND chunks (RFC 4975 §5.1, §7.3.1), which may arrive in any
 * order and overlap: each chunk's place is its Byte-Range start, its length that of its body. A
 * message is complete when its total is known (from a Byte-Range or from the {@code $} chunk) and
 * every byte up to it arrived. No message may exceed {@code maxMessageBytes}, and no more than
 * {@code maxMessages} may be under way at once. A {@code #} chunk abandons its message, and later
 * chunks of it are ignored; those of a message found too large are refused again.
 *
 * <p>Not thread-safe: one assembler belongs to one connection, whose chunks come in order.
 */
public final class ChunkAssembler {

    /** What one chunk did to its message. */
    public sealed interface Progress permits Incomplete, Complete, Aborted, TooLarge, Invalid {
    }

    /** More chunks are needed; {@code received} bytes of the message are here. */
    public record Incomplete(String messageId, long received) implements Progress {
    }

    /** The whole message; {@code first} is its first chunk, with the headers of the message. */
    public record Complete(String messageId, MsrpRequest first, byte[] body) implements Progress {
    }

    /** The sender abandoned the message ({@code #}). */
    public record Aborted(String messageId) implements Progress {
    }

    /** The message is larger than the limit; answer {@code 413}. */
    public record TooLarge(String messageId) implements Progress {
    }

    /** The chunk contradicts itself or its message; answer {@code 400}. */
    public record Invalid(String messageId, String reason) implements Progress {
    }

    private static final int ABANDONED_REMEMBERED = 256;

    private final long maxMessageBytes;
    private final int maxMessages;
    private final Map<String, Partial> partials = new HashMap<>();
    /** Messages that ended without completing, with what their later chunks get. */
    private final Map<String, Progress> abandoned = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
            return size() > ABANDONED_REMEMBERED;
        }
    };

    public ChunkAssembler(long maxMessageBytes, int maxMessages) {
        if (maxMessageBytes < 0 || maxMessageBytes > Integer.MAX_VALUE - 8 || maxMessages < 1) {
            throw new IllegalArgumentException("Limits out of range: " + maxMessageBytes + ", " + maxMessages);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.maxMessages = maxMessages;
    }

    public Progress accept(MsrpRequest chunk) {
        String id = chunk.messageId();
        if (id == null) {
            // a message in one piece needs no Message-ID to be put together
            return wholeWithoutId(chunk);
        }
        Progress ended = abandoned.get(id);
        if (ended != null) {
            return ended;
        }
        if (chunk.continuation() == Continuation.ABORTED) {
            partials.remove(id);
            abandoned.put(id, new Aborted(id));
            return new Aborted(id);
        }
        ByteRange range = chunk.byteRangeOrDefault();
        long start = range.start();
        long length = chunk.body().length;
        long end = start + length - 1;
        if (range.end().isPresent() && range.end().getAsLong() != end) {
            return new Invalid(id, "Byte-Range end " + range.end().getAsLong() + " but body ends at " + end);
        }
        Partial partial = partials.get(id);
        if (partial == null) {
            if (partials.size() >= maxMessages) {
                return new TooLarge(id);
            }
            partial = new Partial(chunk);
        }
        String conflict = partial.learnTotal(range, chunk.continuation() == Continuation.COMPLETE ? end : -1);
        if (conflict != null) {
            partials.remove(id);
            return new Invalid(id, conflict);
        }
        if (end > maxMessageBytes || partial.total > maxMessageBytes || partial.stored + length > maxMessageBytes) {
            partials.remove(id);
            abandoned.put(id, new TooLarge(id));
            return new TooLarge(id);
        }
        if (partial.total >= 0 && end > partial.total) {
            partials.remove(id);
            return new Invalid(id, "chunk ends at " + end + " past the total " + partial.total);
        }
        partial.add(start, chunk.body());
        if (start == 1) {
            partial.first = chunk;
        }
        if (partial.isComplete()) {
            partials.remove(id);
            return new Complete(id, partial.first, partial.assemble());
        }
        partials.put(id, partial);
        return new Incomplete(id, partial.covered());
    }

    /** How many messages are under way. */
    public int pending() {
        return partials.size();
    }

    private Progress wholeWithoutId(MsrpRequest chunk) {
        ByteRange range = chunk.byteRangeOrDefault();
        if (chunk.continuation() == Continuation.ABORTED) {
            return new Aborted(null);
        }
        if (range.start() != 1 || chunk.continuation() != Continuation.COMPLETE) {
            return new Invalid(null, "a chunk of a larger message without Message-ID");
        }
        if (chunk.body().length > maxMessageBytes) {
            return new TooLarge(null);
        }
        return new Complete(null, chunk, chunk.body());
    }

    /** The chunks of one message received so far, by start. */
    private static final class Partial {
        MsrpRequest first;
        long total = -1;
        long stored;
        final TreeMap<Long, byte[]> pieces = new TreeMap<>();

        Partial(MsrpRequest chunk) {
            this.first = chunk;
        }

        /** Takes the total a chunk tells, or returns why it contradicts the one known. */
        String learnTotal(ByteRange range, long lastByte) {
            long told = range.total().isPresent() ? range.total().getAsLong() : lastByte;
            if (range.total().isPresent() && lastByte >= 0 && lastByte != told) {
                return "last chunk ends at " + lastByte + " but the total is " + told;
            }
            if (told < 0) {
                return null;
            }
            if (total >= 0 && total != told) {
                return "total " + told + " after " + total;
            }
            total = told;
            return null;
        }

        void add(long start, byte[] body) {
            byte[] previous = pieces.get(start);
            if (previous == null || previous.length < body.length) {
                pieces.put(start, body);
                stored += body.length - (previous == null ? 0 : previous.length);
            }
        }

        /** How many bytes from 1 on arrived without a gap. */
        long covered() {
            long next = 1;
            for (Map.Entry<Long, byte[]> piece : pieces.entrySet()) {
                if (piece.getKey() > next) {
                    break;
                }
                next = Math.max(next, piece.getKey() + piece.getValue().length);
            }
            return next - 1;
        }

        boolean isComplete() {
            return total >= 0 && covered() >= total;
        }

        byte[] assemble() {
            byte[] message = new byte[(int) total];
            for (Map.Entry<Long, byte[]> piece : pieces.entrySet()) {
                int at = (int) (piece.getKey() - 1);
                int length = (int) Math.min(piece.getValue().length, total - at);
                System.arraycopy(piece.getValue(), 0, message, at, length);
            }
            return message;
        }
    }
}

package dev.liaison.msrp.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Splits a message into SEND chunks (RFC 4975 §5.1, §7.1.1): one Message-ID for all, each chunk in a
 * transaction of its own with {@code Byte-Range: start-end/total}, {@code +} on every chunk but the
 * last, which ends with {@code $}. An empty message is one chunk {@code 1-0/0}.
 */
public final class Chunker {

    private final int chunkBytes;
    private final Supplier<String> transactionIds;

    public Chunker(int chunkBytes, Supplier<String> transactionIds) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes " + chunkBytes);
        }
        this.chunkBytes = chunkBytes;
        this.transactionIds = transactionIds;
    }

    /** The size of the chunks we send: frames stay under the 10 KiB an RFC 4976 relay such as Kamailio's takes. */
    public static final int STANDARD_CHUNK_BYTES = 8 * 1024;

    /** Chunks of {@value #STANDARD_CHUNK_BYTES} bytes with random transaction ids. */
    public static Chunker standard() {
        return new Chunker(STANDARD_CHUNK_BYTES, Idents::random);
    }

    /**
     * The chunks of {@code message}, a SEND whose body is the whole message and which names its
     * Message-ID; every other header is repeated in each chunk.
     */
    public List<MsrpRequest> split(MsrpRequest message) {
        if (message.messageId() == null) {
            throw new IllegalArgumentException("A chunked message needs a Message-ID");
        }
        byte[] body = message.body();
        long total = body.length;
        List<MsrpRequest> chunks = new ArrayList<>();
        int offset = 0;
        do {
            int length = Math.min(chunkBytes, body.length - offset);
            boolean last = offset + length == body.length;
            chunks.add(message.toBuilder()
                    .transactionId(transactionIds.get())
                    .byteRange(ByteRange.of(offset + 1L, offset + (long) length, total))
                    .body(Arrays.copyOfRange(body, offset, offset + length))
                    .continuation(last ? Continuation.COMPLETE : Continuation.MORE)
                    .build());
            offset += length;
        } while (offset < body.length);
        return chunks;
    }
}

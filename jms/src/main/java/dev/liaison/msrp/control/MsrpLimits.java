package dev.liaison.msrp.control;

import java.time.Duration;

/**
 * The bounds of one MSRP connection: the header block of a frame, the body of one chunk, the whole
 * message a connection may reassemble, and how long it may stay silent before it is closed.
 */
public record MsrpLimits(int maxHeaderBytes, int maxChunkBytes, long maxMessageBytes, Duration idleTimeout) {

    /** 8 KiB of headers, 1 MiB chunks, 16 MiB messages, 5 minutes of silence. */
    public static final MsrpLimits DEFAULT = new MsrpLimits(8 * 1024, 1024 * 1024, 16L * 1024 * 1024, Duration.ofMinutes(5));

    public MsrpLimits {
        if (maxHeaderBytes < 256 || maxChunkBytes < 1 || maxMessageBytes < maxChunkBytes
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("Limits out of range: " + maxHeaderBytes + ", " + maxChunkBytes + ", "
                    + maxMessageBytes + ", " + idleTimeout);
        }
    }

    public MsrpLimits withIdleTimeout(Duration value) {
        return new MsrpLimits(maxHeaderBytes, maxChunkBytes, maxMessageBytes, value);
    }

    public MsrpLimits withMaxChunkBytes(int value) {
        return new MsrpLimits(maxHeaderBytes, value, Math.max(maxMessageBytes, value), idleTimeout);
    }
}

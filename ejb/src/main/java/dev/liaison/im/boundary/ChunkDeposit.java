package dev.liaison.im.boundary;

import java.time.Instant;

/**
 * A chunk of a message for {@code recipient} arriving over an MSRP session: the message is
 * {@code message} (its sender, content type and dedupe key, with the chunk's bytes as body), the
 * chunk starts at byte {@code firstByte} (1-based, RFC 4975 Byte-Range), {@code total} is the
 * whole message's size or -1 when unknown, {@code last} says it ends the message ({@code $}),
 * {@code aborted} that the sender gave the message up ({@code #}).
 */
public record ChunkDeposit(OfflineMessage message, long firstByte, long total, boolean last, boolean aborted) {

    public Instant receivedAt() {
        return message.receivedAt();
    }
}

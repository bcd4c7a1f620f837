package dev.liaison.msrp.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.liaison.msrp.control.Frames.ALICE;
import static dev.liaison.msrp.control.Frames.BOB;
import static dev.liaison.msrp.control.Frames.bytes;
import static dev.liaison.msrp.control.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Framing: frames split anywhere, bodies that look like end-lines, and frames that break the rules. */
class MsrpDecoderTest {

    private static final MsrpLimits SMALL = new MsrpLimits(512, 64, 1024, Duration.ofMinutes(1));

    /** A body with CRLFs, dashes, our transaction id without a flag, a false flag, and another transaction's end-line. */
    private static final String TRICKY_BODY = "line\r\n-------\r\n-------a786hjs2\r\n-------a786hjs2x$\r\n"
            + "-------a786hjs2$ not at the end\r\n--------a786hjs2$\r\n-------zzzz9999$\r\n\r\n";

    private static String send(String body) {
        return "MSRP a786hjs2 SEND\r\n"
                + "To-Path: " + BOB.format() + "\r\n"
                + "From-Path: " + ALICE.format() + "\r\n"
                + "Message-ID: 87652491\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "\r\n"
                + body + "\r\n"
                + "-------a786hjs2$\r\n";
    }

    private static List<Object> decode(MsrpLimits limits, byte[]... pieces) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpDecoder(limits));
        for (byte[] piece : pieces) {
            channel.writeInbound(Unpooled.wrappedBuffer(piece));
        }
        List<Object> frames = new ArrayList<>();
        for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            frames.add(frame);
        }
        channel.finishAndReleaseAll();
        return frames;
    }

    private static MsrpDecodeError error(MsrpLimits limits, String wire) {
        List<Object> frames = decode(limits, bytes(wire));
        assertThat(frames).hasSize(1).first().isInstanceOf(MsrpDecodeError.class);
        return (MsrpDecodeError) frames.get(0);
    }

    @Test
    void aFrameSplitAtAnyByteIsReadTheSame() {
        for (String wire : List.of(Frames.SEND, Frames.OK, Frames.REPORT, send(TRICKY_BODY))) {
            byte[] all = bytes(wire);
            for (int split = 0; split <= all.length; split++) {
                List<Object> frames = decode(MsrpLimits.DEFAULT,
                        Arrays.copyOfRange(all, 0, split), Arrays.copyOfRange(all, split, all.length));
                assertThat(frames).as("split at %d", split).hasSize(1);
                assertThat(text(MsrpEncoder.encode((MsrpFrame) frames.get(0)))).as("split at %d", split).isEqualTo(wire);
            }
        }
    }

    @Test
    void aFrameArrivingByteByByteIsReadOnce() {
        byte[] all = bytes(send(TRICKY_BODY) + Frames.OK);
        byte[][] pieces = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            pieces[i] = new byte[] {all[i]};
        }
        List<Object> frames = decode(MsrpLimits.DEFAULT, pieces);
        assertThat(frames).hasSize(2);
        assertThat(text(((MsrpRequest) frames.get(0)).body())).isEqualTo(TRICKY_BODY);
        assertThat(frames.get(1)).isInstanceOf(MsrpResponse.class);
    }

    @Test
    void aBodyMayHoldDashesCrlfsAndAnyByte() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        MsrpRequest send = MsrpRequest.builder("a786hjs2", "SEND").toPath(BOB).fromPath(ALICE)
                .contentType("application/octet-stream").body(binary).build();
        List<Object> frames = decode(MsrpLimits.DEFAULT, MsrpEncoder.encode(send));
        assertThat(((MsrpRequest) frames.get(0)).body()).isEqualTo(binary);

        assertThat(((MsrpRequest) decode(MsrpLimits.DEFAULT, bytes(send(TRICKY_BODY))).get(0)).body())
                .isEqualTo(bytes(TRICKY_BODY));
        assertThat(((MsrpRequest) decode(MsrpLimits.DEFAULT, bytes(send(""))).get(0)).body()).isEmpty();
        assertThat(((MsrpRequest) decode(MsrpLimits.DEFAULT, bytes(send("\r\n"))).get(0)).body()).isEqualTo(bytes("\r\n"));
    }

    @Test
    void framesFollowingEachOtherInOneBufferAreAllRead() {
        List<Object> frames = decode(MsrpLimits.DEFAULT, bytes(Frames.SEND + Frames.REPORT + Frames.OK));
        assertThat(frames).extracting(f -> ((MsrpFrame) f).transactionId()).containsExactly("a786hjs2", "dkei38sd", "a786hjs2");
    }

    @Test
    void aStartLineThatIsNotMsrpIsABadRequestWithoutTransaction() {
        MsrpDecodeError error = error(MsrpLimits.DEFAULT, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.transactionId()).isNull();
        assertThat(error.answer()).isNull();
    }

    @Test
    void aTransactionIdOutsideTheAlphabetOrLengthIsRefused() {
        for (String tid : List.of("ab1", "x".repeat(33), "a786*js2", "-a786hjs2")) {
            MsrpDecodeError error = error(MsrpLimits.DEFAULT, Frames.SEND.replace("a786hjs2", tid));
            assertThat(error.status()).as(tid).isEqualTo(400);
            assertThat(error.transactionId()).as(tid).isNull();
        }
        assertThat(decode(MsrpLimits.DEFAULT, bytes(Frames.SEND.replace("a786hjs2", "a.b-c+d%e=f" + "x".repeat(21)))))
                .singleElement().isInstanceOf(MsrpRequest.class);
    }

    @Test
    void anEndLineOfAnotherTransactionIsABadRequestAnsweredToItsSender() {
        MsrpDecodeError error = error(MsrpLimits.DEFAULT, Frames.REPORT.replace("-------dkei38sd$", "-------zzzz9999$"));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.transactionId()).isEqualTo("dkei38sd");
        MsrpResponse answer = error.answer();
        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.toPath()).containsExactly(BOB);
        assertThat(answer.fromPath()).containsExactly(ALICE);
    }

    @Test
    void aFrameWithoutItsEndLineWaitsWithinTheLimitsThenIsTooLarge() {
        String head = send("").substring(0, send("").indexOf("\r\n-------"));
        List<Object> waiting = decode(SMALL, bytes(head), bytes("x".repeat(64)));
        assertThat(waiting).as("nothing yet: the rest may come").isEmpty();

        List<Object> over = decode(SMALL, bytes(head), bytes("x".repeat(64)), bytes("y"));
        assertThat(over).singleElement().isInstanceOf(MsrpDecodeError.class);
        MsrpDecodeError error = (MsrpDecodeError) over.get(0);
        assertThat(error.status()).isEqualTo(413);
        assertThat(error.transactionId()).isEqualTo("a786hjs2");
        assertThat(error.answer().toPath()).containsExactly(ALICE);
    }

    @Test
    void aWholeChunkOverTheLimitIsTooLargeOneAtTheLimitIsRead() {
        assertThat(error(SMALL, send("z".repeat(65))).status()).isEqualTo(413);
        assertThat(decode(SMALL, bytes(send("z".repeat(64))))).singleElement().isInstanceOf(MsrpRequest.class);
    }

    @Test
    void aHeaderBlockOverTheLimitIsABadRequest() {
        String wire = Frames.REPORT.replace("Status:", "X-Filler: " + "f".repeat(600) + "\r\nStatus:");
        MsrpDecodeError error = error(SMALL, wire);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.transactionId()).isEqualTo("dkei38sd");
    }

    @Test
    void malformedHeadersAreBadRequests() {
        List<String> broken = List.of(
                Frames.SEND.replace("To-Path: msrp://bob", "To-Path: sip://bob"),
                Frames.SEND.replace("Byte-Range: 1-23/23", "Byte-Range: 23-1/23"),
                Frames.SEND.replace("Content-Type: text/plain\r\n", ""),
                Frames.SEND.replace("Message-ID: 87652491\r\n", "Message-ID: 87652491\r\nMessage-ID: 2\r\n"),
                Frames.SEND.replace("Message-ID: 87652491\r\n", "no colon here\r\n"),
                Frames.SEND.replace("From-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r\n", ""),
                Frames.REPORT.replace("Status: 000 200 OK", "Status: OK"),
                Frames.SEND.replace("Message-ID: 87652491\r\n", "Message-ID: 87652491\n"),
                Frames.SEND.replace(" SEND\r\n", " send\r\n"));
        for (String wire : broken) {
            assertThat(error(MsrpLimits.DEFAULT, wire).status()).as(wire).isEqualTo(400);
        }
    }

    @Test
    void afterAnErrorNothingMoreIsRead() {
        List<Object> frames = decode(MsrpLimits.DEFAULT, bytes("MSRP ab SEND\r\n"), bytes(Frames.SEND));
        assertThat(frames).singleElement().isInstanceOf(MsrpDecodeError.class);
    }
}

package dev.liaison.msrp.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.liaison.msrp.control.Frames.ALICE;
import static dev.liaison.msrp.control.Frames.BOB;
import static dev.liaison.msrp.control.Frames.bytes;
import static dev.liaison.msrp.control.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example flows of RFC 4975 §11, read and written byte for byte. */
class MsrpCodecTest {

    private static Object decode(String wire) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(wire)));
        Object frame = channel.readInbound();
        assertThat((Object) channel.readInbound()).as("one frame only").isNull();
        return frame;
    }

    @Test
    void aSendIsReadWithItsPathsMessageIdByteRangeAndBody() {
        MsrpRequest send = (MsrpRequest) decode(Frames.SEND);
        assertThat(send.transactionId()).isEqualTo("a786hjs2");
        assertThat(send.method()).isEqualTo("SEND");
        assertThat(send.toPath()).containsExactly(BOB);
        assertThat(send.fromPath()).containsExactly(ALICE);
        assertThat(send.messageId()).isEqualTo("87652491");
        assertThat(send.byteRange()).isEqualTo(ByteRange.of(1, 23, 23));
        assertThat(send.contentType()).isEqualTo("text/plain");
        assertThat(text(send.body())).isEqualTo("Hey Bob, are you there?");
        assertThat(send.continuation()).isEqualTo(Continuation.COMPLETE);
        assertThat(send.failureReportOrDefault()).isEqualTo(FailureReport.YES);
        assertThat(send.successReportOrDefault()).isEqualTo(SuccessReport.NO);
    }

    @Test
    void aSendIsWrittenByteForByte() {
        MsrpRequest send = MsrpRequest.builder("a786hjs2", "SEND").toPath(BOB).fromPath(ALICE)
                .messageId("87652491").byteRange(ByteRange.of(1, 23, 23)).contentType("text/plain")
                .body(bytes("Hey Bob, are you there?")).build();
        assertThat(text(MsrpEncoder.encode(send))).isEqualTo(Frames.SEND);
        assertThat(text(MsrpEncoder.encode((MsrpFrame) decode(Frames.SEND)))).isEqualTo(Frames.SEND);
    }

    @Test
    void theAnswerToASendGoesBackToItsSenderFromUs() {
        MsrpRequest send = (MsrpRequest) decode(Frames.SEND);
        MsrpResponse ok = MsrpResponse.answering(send, 200, "OK");
        assertThat(text(MsrpEncoder.encode(ok))).isEqualTo(Frames.OK);

        MsrpResponse read = (MsrpResponse) decode(Frames.OK);
        assertThat(read.transactionId()).isEqualTo("a786hjs2");
        assertThat(read.code()).isEqualTo(200);
        assertThat(read.comment()).isEqualTo("OK");
        assertThat(read.toPath()).containsExactly(ALICE);
        assertThat(read.fromPath()).containsExactly(BOB);
    }

    @Test
    void aResponseWithoutCommentIsReadAndWritten() {
        String wire = Frames.OK.replace(" 200 OK", " 481");
        MsrpResponse read = (MsrpResponse) decode(wire);
        assertThat(read.code()).isEqualTo(481);
        assertThat(read.comment()).isNull();
        assertThat(text(MsrpEncoder.encode(read))).isEqualTo(wire);
    }

    @Test
    void aReportCarriesItsStatusAndNoBody() {
        MsrpRequest report = (MsrpRequest) decode(Frames.REPORT);
        assertThat(report.method()).isEqualTo("REPORT");
        assertThat(report.messageId()).isEqualTo("12339sdqwer");
        assertThat(report.byteRange()).isEqualTo(ByteRange.of(1, 106, 106));
        assertThat(report.status()).isEqualTo(new ReportStatus(0, 200, "OK"));
        assertThat(report.body()).isEmpty();
        assertThat(report.contentType()).isNull();
        assertThat(text(MsrpEncoder.encode(report))).isEqualTo(Frames.REPORT);
    }

    @Test
    void aChunkedMessageKeepsItsMessageIdAndFlagsEachChunk() {
        String first = """
                MSRP d93kswow SEND\r
                To-Path: msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
                From-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
                Message-ID: 12339sdqwer\r
                Byte-Range: 1-10/20\r
                Content-Type: text/plain\r
                \r
                0123456789\r
                -------d93kswow+\r
                """;
        String second = """
                MSRP op2nc9a SEND\r
                To-Path: msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
                From-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
                Message-ID: 12339sdqwer\r
                Byte-Range: 11-20/20\r
                Content-Type: text/plain\r
                \r
                abcdefghij\r
                -------op2nc9a$\r
                """;
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(first + second)));
        MsrpRequest one = channel.readInbound();
        MsrpRequest two = channel.readInbound();
        assertThat(one.continuation()).isEqualTo(Continuation.MORE);
        assertThat(two.continuation()).isEqualTo(Continuation.COMPLETE);
        assertThat(one.byteRange()).isEqualTo(ByteRange.of(1, 10, 20));
        assertThat(two.byteRange()).isEqualTo(ByteRange.of(11, 20, 20));

        MsrpRequest whole = MsrpRequest.builder("unused1", "SEND").toPath(BOB).fromPath(ALICE)
                .messageId("12339sdqwer").contentType("text/plain").body(bytes("0123456789abcdefghij")).build();
        List<String> tids = new java.util.ArrayList<>(List.of("d93kswow", "op2nc9a"));
        List<MsrpRequest> chunks = new Chunker(10, () -> tids.remove(0)).split(whole);
        assertThat(chunks).hasSize(2);
        assertThat(text(MsrpEncoder.encode(chunks.get(0))) + text(MsrpEncoder.encode(chunks.get(1)))).isEqualTo(first + second);
    }

    @Test
    void anInterruptedChunkEndsWithTheAbortFlag() {
        String wire = """
                MSRP x8y7z6w5 SEND\r
                To-Path: msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
                From-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
                Message-ID: 4jd83mw9\r
                Byte-Range: 1-*/2000\r
                Content-Type: image/png\r
                \r
                half a pictu\r
                -------x8y7z6w5#\r
                """;
        MsrpRequest aborted = (MsrpRequest) decode(wire);
        assertThat(aborted.continuation()).isEqualTo(Continuation.ABORTED);
        assertThat(aborted.byteRange().end()).isEmpty();
        assertThat(aborted.byteRange().total()).hasValue(2000);
        assertThat(text(aborted.body())).isEqualTo("half a pictu");
        assertThat(text(MsrpEncoder.encode(aborted))).isEqualTo(wire);
    }

    @Test
    void reportFlagsAndExtensionHeadersKeepTheirOrder() {
        String wire = """
                MSRP 4tr3Xq SEND\r
                To-Path: msrp://relay.liaison.test:2855;tcp msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
                From-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
                Message-ID: m3ss4g3\r
                Success-Report: yes\r
                Failure-Report: partial\r
                Byte-Range: 1-5/5\r
                X-Second: 2\r
                Content-Disposition: inline\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                hello\r
                -------4tr3Xq$\r
                """;
        MsrpRequest send = (MsrpRequest) decode(wire);
        assertThat(send.toPath()).hasSize(2);
        assertThat(send.successReport()).isEqualTo(SuccessReport.YES);
        assertThat(send.failureReport()).isEqualTo(FailureReport.PARTIAL);
        assertThat(send.headers()).containsExactly(new Header("X-Second", "2"), new Header("Content-Disposition", "inline"));
        assertThat(text(MsrpEncoder.encode(send))).isEqualTo(wire);
    }

    @Test
    void theEncoderRefusesABodyHoldingItsOwnEndLineOrNoContentType() {
        MsrpRequest.Builder send = MsrpRequest.builder("a786hjs2", "SEND").toPath(BOB).fromPath(ALICE);
        assertThatThrownBy(() -> MsrpEncoder.encode(send.body(bytes("text")).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpEncoder.encode(send.contentType("text/plain")
                .body(bytes("a\r\n-------a786hjs2$\r\nb")).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MsrpEncoder.encode(send.body(bytes("a\r\n-------a786hjs2 and more\r\n-------other12$\r\n")).build()))
                .isNotEmpty();
    }
}

package dev.liaison.msrp.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.liaison.msrp.control.Frames.ALICE;
import static dev.liaison.msrp.control.Frames.BOB;
import static org.assertj.core.api.Assertions.assertThat;

class ChunkAssemblerTest {

    private static byte[] message(int size) {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        return body;
    }

    private static List<MsrpRequest> chunks(byte[] body, int chunkBytes) {
        MsrpRequest whole = MsrpRequest.builder("t0t0t0t0", "SEND").toPath(BOB).fromPath(ALICE)
                .messageId("m1m1m1m1").contentType("application/octet-stream").body(body).build();
        return new Chunker(chunkBytes, Idents::random).split(whole);
    }

    @Test
    void theChunkerSplitsAtTheSizeAndFlagsTheLast() {
        List<MsrpRequest> chunks = chunks(message(25), 10);
        assertThat(chunks).extracting(MsrpRequest::byteRange)
                .containsExactly(ByteRange.of(1, 10, 25), ByteRange.of(11, 20, 25), ByteRange.of(21, 25, 25));
        assertThat(chunks).extracting(MsrpRequest::continuation)
                .containsExactly(Continuation.MORE, Continuation.MORE, Continuation.COMPLETE);
        assertThat(chunks).extracting(MsrpRequest::messageId).containsOnly("m1m1m1m1");
        assertThat(chunks).extracting(MsrpRequest::transactionId).doesNotHaveDuplicates();
        assertThat(chunks(new byte[0], 10)).singleElement()
                .satisfies(c -> assertThat(c.byteRange()).isEqualTo(ByteRange.of(1, 0, 0)));
    }

    @Test
    void chunksInAnyOrderMakeTheMessage() {
        byte[] body = message(1000);
        List<MsrpRequest> chunks = new ArrayList<>(chunks(body, 64));
        Collections.shuffle(chunks, new Random(7));
        ChunkAssembler assembler = new ChunkAssembler(4096, 4);
        List<ChunkAssembler.Progress> progress = new ArrayList<>();
        chunks.forEach(c -> progress.add(assembler.accept(c)));
        assertThat(progress.subList(0, progress.size() - 1)).allMatch(p -> p instanceof ChunkAssembler.Incomplete);
        ChunkAssembler.Complete complete = (ChunkAssembler.Complete) progress.get(progress.size() - 1);
        assertThat(complete.body()).isEqualTo(body);
        assertThat(complete.first().byteRange().start()).isEqualTo(1);
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void aLastChunkWithUnknownTotalEndsTheMessage() {
        ChunkAssembler assembler = new ChunkAssembler(4096, 4);
        MsrpRequest.Builder chunk = MsrpRequest.builder("t1t1t1t1", "SEND").toPath(BOB).fromPath(ALICE)
                .messageId("m2m2m2m2").contentType("text/plain");
        assertThat(assembler.accept(chunk.byteRange(ByteRange.parse("4-*/*")).body(Frames.bytes("def"))
                .continuation(Continuation.COMPLETE).build())).isInstanceOf(ChunkAssembler.Incomplete.class);
        ChunkAssembler.Progress done = assembler.accept(chunk.byteRange(ByteRange.parse("1-3/*")).body(Frames.bytes("abc"))
                .continuation(Continuation.MORE).build());
        assertThat(((ChunkAssembler.Complete) done).body()).isEqualTo(Frames.bytes("abcdef"));
    }

    @Test
    void anAbortedMessageIsDroppedAndItsLateChunksToo() {
        List<MsrpRequest> chunks = chunks(message(30), 10);
        ChunkAssembler assembler = new ChunkAssembler(4096, 4);
        assembler.accept(chunks.get(0));
        MsrpRequest interrupted = chunks.get(1).toBuilder().continuation(Continuation.ABORTED).build();
        assertThat(assembler.accept(interrupted)).isInstanceOf(ChunkAssembler.Aborted.class);
        assertThat(assembler.accept(chunks.get(2))).isInstanceOf(ChunkAssembler.Aborted.class);
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void aMessageOverTheCapIsTooLargeAsSoonAsItsTotalIsKnown() {
        ChunkAssembler assembler = new ChunkAssembler(100, 4);
        List<MsrpRequest> tooLarge = chunks(message(101), 10);
        assertThat(assembler.accept(tooLarge.get(0))).isInstanceOf(ChunkAssembler.TooLarge.class);
        assertThat(assembler.accept(tooLarge.get(1))).as("and stays so").isInstanceOf(ChunkAssembler.TooLarge.class);
        MsrpRequest atTheCap = chunks(message(100), 100).get(0).toBuilder().messageId("m2m2m2m2").build();
        assertThat(assembler.accept(atTheCap)).isInstanceOf(ChunkAssembler.Complete.class);
    }

    @Test
    void chunksThatContradictTheirMessageAreInvalid() {
        ChunkAssembler assembler = new ChunkAssembler(4096, 4);
        List<MsrpRequest> chunks = chunks(message(20), 10);
        assembler.accept(chunks.get(0));
        MsrpRequest otherTotal = chunks.get(1).toBuilder().byteRange(ByteRange.of(11, 20, 21)).build();
        assertThat(assembler.accept(otherTotal)).isInstanceOf(ChunkAssembler.Invalid.class);
        MsrpRequest wrongEnd = chunks.get(1).toBuilder().byteRange(ByteRange.of(11, 19, 20)).build();
        assertThat(assembler.accept(wrongEnd)).isInstanceOf(ChunkAssembler.Invalid.class);
    }
}

package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.LocalSessions;
import dev.liaison.msrp.control.MsrpLimits;
import dev.liaison.msrp.control.MsrpRequest;
import dev.liaison.msrp.control.MsrpResponse;
import dev.liaison.msrp.control.MsrpUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listener and outbound connections on real sockets, against a peer that does not use our codec. */
class MsrpListenerTest {

    private static final String ALICE = "msrp://alice.liaison.test:7654/jshA7weztas;tcp";
    /** Long enough an idle timeout that no test sees a connection closed for idleness but the one about it. */
    private static final MsrpLimits LIMITS = new MsrpLimits(8 * 1024, 1024, 64 * 1024, Duration.ofSeconds(30));

    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    private final LocalSessions sessions = new LocalSessions(LIMITS.maxMessageBytes(), (report, body) -> { });
    private MsrpListener listener;
    private InetSocketAddress address;
    private MsrpUri ours;

    @BeforeEach
    void start() throws InterruptedException {
        listener = new MsrpListener("127.0.0.1", 0, LIMITS, sessions);
        address = listener.start();
        ours = MsrpUri.parse("msrp://127.0.0.1:" + address.getPort() + "/s3ss10nBob;tcp");
        sessions.open(ours, (first, body) -> delivered.add(new String(body, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    @Test
    void aSendIsAnsweredToItsSenderAndItsMessageDelivered() throws Exception {
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write(RawMsrpClient.send("a786hjs2", ours.format(), ALICE, "", "Hey Bob, are you there?"));
            assertThat(alice.readFrame()).isEqualTo("MSRP a786hjs2 200 OK\r\n"
                    + "To-Path: " + ALICE + "\r\n"
                    + "From-Path: " + ours.format() + "\r\n"
                    + "-------a786hjs2$\r\n");
            assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("Hey Bob, are you there?");
        }
    }

    @Test
    void aSenderThatAsksForASuccessReportGetsOneAfterTheResponse() throws Exception {
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write(RawMsrpClient.send("r3p0rtm3", ours.format(), ALICE, "Success-Report: yes\r\n", "note"));
            assertThat(alice.readFrame()).startsWith("MSRP r3p0rtm3 200 OK\r\n");
            String report = alice.readFrame();
            String tid = report.split(" ")[1];
            assertThat(report).isEqualTo("MSRP " + tid + " REPORT\r\n"
                    + "To-Path: " + ALICE + "\r\n"
                    + "From-Path: " + ours.format() + "\r\n"
                    + "Message-ID: r3p0rtm3m\r\n"
                    + "Byte-Range: 1-4/4\r\n"
                    + "Status: 000 200 OK\r\n"
                    + "-------" + tid + "$\r\n");
        }
    }

    @Test
    void aMessageInTwoChunksWrittenInPiecesIsDeliveredWhole() throws Exception {
        String first = "MSRP d93kswow SEND\r\nTo-Path: " + ours.format() + "\r\nFrom-Path: " + ALICE + "\r\n"
                + "Message-ID: 12339sdqwer\r\nByte-Range: 1-10/20\r\nContent-Type: text/plain\r\n\r\n"
                + "0123456789\r\n-------d93kswow+\r\n";
        String second = "MSRP op2nc9a SEND\r\nTo-Path: " + ours.format() + "\r\nFrom-Path: " + ALICE + "\r\n"
                + "Message-ID: 12339sdqwer\r\nByte-Range: 11-20/20\r\nContent-Type: text/plain\r\n\r\n"
                + "-------op2\r\n-------op2nc9a$\r\n";
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            byte[] both = (first + second).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < both.length; i += 7) {
                alice.write(java.util.Arrays.copyOfRange(both, i, Math.min(both.length, i + 7)));
            }
            assertThat(alice.readFrame()).startsWith("MSRP d93kswow 200 OK\r\n");
            assertThat(alice.readFrame()).startsWith("MSRP op2nc9a 200 OK\r\n");
            assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("0123456789-------op2");
        }
    }

    @Test
    void anUnknownSessionIsAnswered481AndTheConnectionClosed() throws Exception {
        String nobody = "msrp://127.0.0.1:" + address.getPort() + "/nobodyHere;tcp";
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write(RawMsrpClient.send("t481t481", nobody, ALICE, "", "anyone?"));
            assertThat(alice.readFrame()).isEqualTo("MSRP t481t481 481 Session does not exist\r\n"
                    + "To-Path: " + ALICE + "\r\n"
                    + "From-Path: " + nobody + "\r\n"
                    + "-------t481t481$\r\n");
            assertThat(alice.closedByPeer()).isTrue();
        }
        assertThat(delivered).isEmpty();
    }

    @Test
    void failureReportNoGetsNoResponseAndPartialOnlyErrors() throws Exception {
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write(RawMsrpClient.send("silent01", ours.format(), ALICE, "Failure-Report: no\r\n", "one"));
            alice.write(RawMsrpClient.send("partial1", ours.format(), ALICE, "Failure-Report: partial\r\n", "two"));
            alice.write("MSRP partial2 NOTAMETHOD\r\nTo-Path: " + ours.format() + "\r\nFrom-Path: " + ALICE + "\r\n"
                    + "Failure-Report: partial\r\n-------partial2$\r\n");
            alice.write(RawMsrpClient.send("answer01", ours.format(), ALICE, "", "three"));
            assertThat(alice.readFrame()).startsWith("MSRP partial2 501 ");
            assertThat(alice.readFrame()).startsWith("MSRP answer01 200 OK\r\n");
        }
        assertThat(List.of(delivered.take(), delivered.take(), delivered.take())).containsExactly("one", "two", "three");
    }

    @Test
    void aChunkOverTheLimitIsAnswered413AndTheConnectionClosed() throws Exception {
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write(RawMsrpClient.send("big0big0", ours.format(), ALICE, "", "x".repeat(LIMITS.maxChunkBytes() + 1)));
            assertThat(alice.readFrame()).startsWith("MSRP big0big0 413 ");
            assertThat(alice.closedByPeer()).isTrue();
        }
    }

    @Test
    void garbageIsNotAnsweredButTheConnectionClosed() throws Exception {
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write("GET / HTTP/1.1\r\nHost: bob\r\n\r\n");
            assertThat(alice.closedByPeer()).isTrue();
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
        listener.stop();
        listener = new MsrpListener("127.0.0.1", 0, LIMITS.withIdleTimeout(Duration.ofMillis(400)), sessions);
        address = listener.start();
        try (RawMsrpClient idle = new RawMsrpClient(address)) {
            idle.timeout(3000);
            long started = System.nanoTime();
            assertThat(idle.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofMillis(2900));
        }
        awaitNoConnections();
    }

    @Test
    void anOutboundConnectionCompletesEachTransactionWithItsResponse() throws Exception {
        MsrpConnection connection = listener.connect(ours).get(5, TimeUnit.SECONDS);
        MsrpUri alice = MsrpUri.parse(ALICE);
        MsrpRequest send = MsrpRequest.builder("c0nn3ct1", "SEND").toPath(ours).fromPath(alice)
                .messageId("m3ss4g31").contentType("text/plain").body("pushed".getBytes(StandardCharsets.UTF_8)).build();
        MsrpResponse ok = connection.send(send).get(5, TimeUnit.SECONDS);
        assertThat(ok.code()).isEqualTo(200);
        assertThat(ok.toPath()).containsExactly(alice);
        assertThat(ok.fromPath()).containsExactly(ours);
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("pushed");

        MsrpUri nobody = MsrpUri.parse("msrp://127.0.0.1:" + address.getPort() + "/nobodyHere;tcp");
        MsrpResponse unknown = connection.send(send.toBuilder().transactionId("c0nn3ct2").toPath(nobody).build())
                .get(5, TimeUnit.SECONDS);
        assertThat(unknown.code()).isEqualTo(481);
        awaitNoConnections();
        assertThat(connection.isOpen()).isFalse();
        CompletableFuture<MsrpResponse> afterClose = connection.send(send.toBuilder().transactionId("c0nn3ct3").build());
        assertThatThrownBy(() -> afterClose.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void anOutboundRequestIsFramedForAPeerThatReadsByHand() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, address.getAddress())) {
            MsrpUri client = MsrpUri.parse("msrp://127.0.0.1:" + peer.getLocalPort() + "/cl13nt;tcp");
            CompletableFuture<MsrpConnection> connecting = listener.connect(client);
            try (RawMsrpClient raw = new RawMsrpClient(peer.accept())) {
                MsrpConnection connection = connecting.get(5, TimeUnit.SECONDS);
                MsrpRequest send = MsrpRequest.builder("0utb0und", "SEND").toPath(client).fromPath(ours)
                        .messageId("st0r3d01").byteRange(dev.liaison.msrp.control.ByteRange.of(1, 6, 6))
                        .contentType("text/plain").body("stored".getBytes(StandardCharsets.UTF_8)).build();
                CompletableFuture<MsrpResponse> response = connection.send(send);
                assertThat(raw.readFrame()).isEqualTo("MSRP 0utb0und SEND\r\n"
                        + "To-Path: " + client.format() + "\r\n"
                        + "From-Path: " + ours.format() + "\r\n"
                        + "Message-ID: st0r3d01\r\n"
                        + "Byte-Range: 1-6/6\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "\r\n"
                        + "stored\r\n"
                        + "-------0utb0und$\r\n");
                assertThat(response).isNotDone();
                raw.write("MSRP 0utb0und 200 OK\r\nTo-Path: " + ours.format() + "\r\nFrom-Path: " + client.format()
                        + "\r\n-------0utb0und$\r\n");
                assertThat(response.get(5, TimeUnit.SECONDS).code()).isEqualTo(200);
            }
        }
    }

    @Test
    void afterStopNoThreadIsLeftAndThePortIsFree() throws Exception {
        try (RawMsrpClient alice = new RawMsrpClient(address)) {
            alice.write(RawMsrpClient.send("a786hjs2", ours.format(), ALICE, "", "hello"));
            alice.readFrame();
            assertThat(msrpThreads()).isNotEmpty();
            listener.stop();
            assertThat(alice.closedByPeer()).isTrue();
        }
        assertThat(msrpThreads()).isEmpty();
        try (ServerSocket again = new ServerSocket(address.getPort(), 1, address.getAddress())) {
            assertThat(again.isBound()).isTrue();
        }
    }

    private static List<String> msrpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(MsrpListener.THREAD_PREFIX)).toList();
    }

    private void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listener.connections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listener.connections()).isZero();
    }
}

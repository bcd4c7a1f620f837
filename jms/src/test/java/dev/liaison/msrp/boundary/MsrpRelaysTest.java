package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.MsrpLimits;
import dev.liaison.msrp.control.MsrpRequest;
import dev.liaison.msrp.control.MsrpSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session passed on between two parties, each a hand-written MSRP peer on a plain socket: the
 * caller connects to our caller side, we connect to the callee; SENDs, their answers and REPORTs
 * cross in both directions with the paths of each leg.
 */
class MsrpRelaysTest {

    private static final String ALICE = "msrp://127.0.0.1:7654/a11ce0ffer;tcp";
    private static final MsrpLimits LIMITS = new MsrpLimits(8 * 1024, 1024, 64 * 1024, Duration.ofSeconds(30));

    private MsrpListener listener;
    private MsrpRelays relays;
    private ServerSocket calleeListens;
    private String bob;
    private InetSocketAddress ours;

    @BeforeEach
    void start() throws Exception {
        MsrpRelays[] holder = new MsrpRelays[1];
        listener = new MsrpListener("127.0.0.1", 0, LIMITS, new MsrpSessions() {
            @Override
            public Verdict receive(MsrpRequest request, Object connection) {
                Verdict early = holder[0].receive(request);
                return early != null ? early : Verdict.OK;
            }

            @Override
            public CompletionStage<Verdict> receiveLater(MsrpRequest request, Object connection) {
                return holder[0].receiveLater(request, connection);
            }
        });
        ours = listener.start();
        relays = new MsrpRelays(listener, "127.0.0.1", ours.getPort());
        holder[0] = relays;
        calleeListens = new ServerSocket(0);
        bob = "msrp://127.0.0.1:" + calleeListens.getLocalPort() + "/b0bansw3r;tcp";
    }

    @AfterEach
    void stop() throws Exception {
        listener.stop();
        calleeListens.close();
    }

    @Test
    void whatEitherPartySendsReachesTheOtherWithTheirAnswersAndReports() throws Exception {
        RelayLegs legs = relays.open(List.of(ALICE));
        CompletionStage<Boolean> connected = relays.connect(legs.calleeSide(), List.of(bob));
        calleeListens.setSoTimeout(5000);
        try (RawMsrpClient callee = new RawMsrpClient(calleeListens.accept());
             RawMsrpClient alice = new RawMsrpClient(ours)) {
            String bind = callee.readFrame();
            assertThat(bind).as("the connection is opened with an empty SEND").contains(" SEND\r\n")
                    .contains("To-Path: " + bob + "\r\n").contains("From-Path: " + legs.calleeSide() + "\r\n");
            callee.write(ok(bind, bob));
            assertThat(connected.toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();

            alice.write(RawMsrpClient.send("t1al1ce", legs.callerSide(), ALICE, "Success-Report: yes\r\n", "Hello Bob"));
            String passed = callee.readFrame();
            assertThat(passed).contains("To-Path: " + bob + "\r\n").contains("From-Path: " + legs.calleeSide() + "\r\n")
                    .contains("Message-ID: t1al1cem\r\n").contains("Success-Report: yes\r\n").contains("Byte-Range: 1-9/9\r\n")
                    .contains("\r\n\r\nHello Bob\r\n").doesNotContain("t1al1ce SEND");
            callee.write(ok(passed, bob));
            assertThat(alice.readFrame()).isEqualTo("MSRP t1al1ce 200 OK\r\nTo-Path: " + ALICE + "\r\nFrom-Path: "
                    + legs.callerSide() + "\r\n-------t1al1ce$\r\n");

            callee.write("MSRP r3p0rtb0b REPORT\r\nTo-Path: " + legs.calleeSide() + "\r\nFrom-Path: " + bob
                    + "\r\nMessage-ID: t1al1cem\r\nByte-Range: 1-9/9\r\nStatus: 000 200 OK\r\n-------r3p0rtb0b$\r\n");
            String report = alice.readFrame();
            assertThat(report).contains(" REPORT\r\n").contains("To-Path: " + ALICE + "\r\n")
                    .contains("From-Path: " + legs.callerSide() + "\r\n").contains("Message-ID: t1al1cem\r\n")
                    .contains("Status: 000 200 OK\r\n");

            callee.write(RawMsrpClient.send("b0bsends", legs.calleeSide(), bob, "", "Hi Alice"));
            String back = alice.readFrame();
            assertThat(back).contains("To-Path: " + ALICE + "\r\n").contains("From-Path: " + legs.callerSide() + "\r\n")
                    .contains("\r\n\r\nHi Alice\r\n");
            alice.write(ok(back, ALICE));
            assertThat(callee.readFrame()).startsWith("MSRP b0bsends 200 OK\r\n").contains("To-Path: " + bob + "\r\n")
                    .contains("From-Path: " + legs.calleeSide() + "\r\n");

            alice.write(RawMsrpClient.send("t2al1ce", legs.callerSide(), ALICE, "", "a picture"));
            String refused = callee.readFrame();
            String tid = tid(refused);
            callee.write("MSRP " + tid + " 415 Unsupported media type\r\nTo-Path: " + legs.calleeSide() + "\r\nFrom-Path: " + bob
                    + "\r\n-------" + tid + "$\r\n");
            assertThat(alice.readFrame()).as("the callee's refusal reaches the caller")
                    .startsWith("MSRP t2al1ce 415 Unsupported media type\r\n");
        }
    }

    @Test
    void aRequestThatNamesMoreThanOurUriIsRefusedAndAnEndedRelayIsNoSession() throws Exception {
        RelayLegs legs = relays.open(List.of(ALICE));
        try (RawMsrpClient alice = new RawMsrpClient(ours)) {
            alice.write(RawMsrpClient.send("tw0h0ps", legs.callerSide() + " " + bob, ALICE, "", "x"));
            assertThat(alice.readFrame()).startsWith("MSRP tw0h0ps 403 ");
        }
        relays.close(legs.callerSide());
        assertThat(relays.isOpen(legs.calleeSide())).isFalse();
        assertThat(relays.owns(MsrpRequest.builder("abcd1234", MsrpRequest.SEND)
                .toPath(dev.liaison.msrp.control.MsrpUri.parse(legs.callerSide()))
                .fromPath(dev.liaison.msrp.control.MsrpUri.parse(ALICE)).build())).isFalse();
    }

    @Test
    void aCalleeThatCannotBeReachedIsReportedNotConnected() throws Exception {
        RelayLegs legs = relays.open(List.of(ALICE));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(relays.connect(legs.calleeSide(), List.of("msrp://127.0.0.1:" + closed + "/g0ne;tcp"))
                .toCompletableFuture().get(15, TimeUnit.SECONDS)).isFalse();
    }

    private static String tid(String frame) {
        return frame.substring(5, frame.indexOf(' ', 5));
    }

    /** The 200 to a request frame: To-Path its From-Path. */
    private static String ok(String request, String ours) {
        Matcher from = Pattern.compile("(?m)^From-Path: ([^\r\n]*)").matcher(request);
        assertThat(from.find()).isTrue();
        String tid = tid(request);
        return "MSRP " + tid + " 200 OK\r\nTo-Path: " + from.group(1) + "\r\nFrom-Path: " + ours + "\r\n-------" + tid + "$\r\n";
    }
}

package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.MsrpRelayClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Session mode (RFC 4975) through an independent MSRP relay (RFC 4976): Kamailio's {@code msrp}
 * module (Debian package {@code kamailio}; scripts/install-test-tools.sh installs it), configured by
 * src/test/kamailio/msrp-relay.cfg, sits between the test's MSRP client and Liaison. The client
 * AUTHenticates at the relay and puts its Use-Path first in its SDP path, so Kamailio's parser reads
 * every frame Liaison writes and routes it by Liaison's paths: what comes back to the client went
 * through the relay, and what the relay could not parse or route would never arrive.
 */
class MsrpRelayIT extends LiaisonIT {

    private static final Path WORK = Path.of("target", "kamailio-msrp");
    private static final Path CONFIG = Path.of("src", "test", "kamailio", "msrp-relay.cfg");
    /** The relay's credentials for AUTH (msrp-relay.cfg). */
    private static final String RELAY_USER = "relay";
    private static final String RELAY_PASSWORD = "relay-secret";

    /** Kamailio as the MSRP relay, in the foreground, on a free port, with its runtime files under target/. */
    private record Relay(Process process, int port, Path log) implements AutoCloseable {

        static Relay start() throws Exception {
            int port = SipClient.freePort();
            Path run = Files.createDirectories(WORK.resolve("relay-" + port)).toAbsolutePath();
            Path log = run.resolve("kamailio.log");
            ProcessBuilder builder = new ProcessBuilder("kamailio", "-f", CONFIG.toAbsolutePath().toString(),
                    "-l", "tcp:" + SipClient.HOST + ":" + port, "-DD", "-E", "-Y", run.toString(),
                    "-P", run.resolve("kamailio.pid").toString(), "-w", run.toString(), "-m", "32", "-M", "8")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                fail("kamailio is not installed (Debian package kamailio; scripts/install-test-tools.sh installs it): "
                        + e.getMessage());
                return null;
            }
            Relay relay = new Relay(process, port, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                try (Socket probe = new Socket(SipClient.HOST, port)) {
                    return relay;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        relay.close();
                        fail("Kamailio did not listen on %d; it printed:%n%s", port, relay.printed());
                    }
                    Thread.sleep(50);
                }
            }
        }

        String printed() {
            try {
                return Files.readString(log, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }

        /** Waits until Kamailio logged a line containing every one of {@code parts}. */
        void awaitLogged(String what, String... parts) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (printed().lines().noneMatch(line -> Arrays.stream(parts).allMatch(line::contains))) {
                if (System.nanoTime() > deadline) {
                    fail("Kamailio logged no line with %s (%s); it printed:%n%s", List.of(parts), what, printed());
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Relay relay;

    @BeforeEach
    void startRelay() throws Exception {
        relay = Relay.start();
    }

    @AfterEach
    void stopRelay() throws Exception {
        if (relay != null) {
            relay.close();
        }
    }

    private List<JsonObject> kept(String username) {
        return array(as(username).get("api/messages")).stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    void messagesDepositedThroughAnMsrpRelayAreAnsweredAndReportedBackThroughItAndReachTheUser() throws Exception {
        String alice = user("relayalice");
        String bob = user("relaybob");
        String uri = "sip:" + bob + "@liaison.test";
        byte[] whole = "Hello through the relay, Grüße".getBytes(StandardCharsets.UTF_8);
        // chunks small enough for the relay (Kamailio takes MSRP bodies of up to 10 KiB)
        byte[] chunked = ("Minutes, part one.\r\n-------notanendline$\r\n" + "é".repeat(4000) + " — the end")
                .getBytes(StandardCharsets.UTF_8);
        int cut1 = 3000;
        int cut2 = 6000;
        try (MsrpRelayClient msrp = new MsrpRelayClient(relay.port()); RawSip sip = new RawSip()) {
            msrp.authenticate(RELAY_USER, RELAY_PASSWORD);
            String liaison = RawSip.invite(sip, alice, uri, msrp.sdpOffer());
            assertThat(liaison).as("Liaison's path: itself only").startsWith("msrp://127.0.0.1:").endsWith(";tcp").doesNotContain(" ");
            String toPath = msrp.usePath() + " " + liaison;

            msrp.send("w1h0l3aa", toPath, "whole001", "1-" + whole.length + "/" + whole.length, "text/plain;charset=UTF-8", whole,
                    '$', "Success-Report: yes");
            Map<String, String> frames = frames(msrp, List.of("w1h0l3aa"), List.of("whole001"));
            msrp.send("ch0nk001", toPath, "chunked1", "1-" + cut1 + "/" + chunked.length, "text/plain;charset=UTF-8",
                    Arrays.copyOfRange(chunked, 0, cut1), '+', "Success-Report: yes");
            msrp.send("ch0nk002", toPath, "chunked1", (cut1 + 1) + "-" + cut2 + "/" + chunked.length, "text/plain;charset=UTF-8",
                    Arrays.copyOfRange(chunked, cut1, cut2), '+', "Success-Report: yes");
            msrp.send("ch0nk003", toPath, "chunked1", (cut2 + 1) + "-" + chunked.length + "/" + chunked.length,
                    "text/plain;charset=UTF-8", Arrays.copyOfRange(chunked, cut2, chunked.length), '$', "Success-Report: yes");
            frames.putAll(frames(msrp, List.of("ch0nk001", "ch0nk002", "ch0nk003"), List.of("chunked1")));

            // each SEND is answered by the relay, the hop it went to (RFC 4975 §7.2)
            for (String tid : List.of("w1h0l3aa", "ch0nk001", "ch0nk002", "ch0nk003")) {
                assertThat(frames.get(tid)).startsWith("MSRP " + tid + " 200");
                assertThat(header(frames.get(tid), "To-Path")).isEqualTo(msrp.path());
                assertThat(header(frames.get(tid), "From-Path")).isEqualTo(msrp.usePath());
            }
            // the success REPORTs Liaison wrote came back through the relay (RFC 4976 §6.2: it moved itself to From-Path)
            assertReport(frames.get("whole001"), msrp, liaison, "whole001", whole.length);
            assertReport(frames.get("chunked1"), msrp, liaison, "chunked1", chunked.length);
            // and Liaison answered the relay for each chunk, hop by hop: To-Path the relay, From-Path Liaison
            for (String tid : List.of("w1h0l3aa", "ch0nk001", "ch0nk002", "ch0nk003")) {
                relay.awaitLogged("Liaison's 200 for " + tid, "MSRP response " + tid + " 200 from msrp://127.0.0.1:",
                        "To-Path " + msrp.usePath() + " From-Path " + liaison);
            }
            // the SENDs Liaison got from the relay named the relay, then the client, in their From-Path
            relay.awaitLogged("the relay's last SEND to Liaison", "MSRP request ch0nk003 SEND from msrp://127.0.0.1:",
                    "To-Path " + toPath + " From-Path " + msrp.path());

            List<JsonObject> waiting = kept(bob);
            assertThat(waiting).hasSize(2);
            assertThat(Base64.getDecoder().decode(waiting.get(0).getString("body"))).isEqualTo(whole);
            assertThat(Base64.getDecoder().decode(waiting.get(1).getString("body"))).isEqualTo(chunked);
            assertThat(waiting).allSatisfy(m -> assertThat(m.getString("from")).contains("sip:" + alice + "@liaison.test"));

            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
        try (SipClient phone = SipClient.tcp()) {
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            List<javax.sip.message.Request> received = phone.awaitMessages(2, 15);
            assertThat(received.get(0).getRawContent()).isEqualTo(whole);
            assertThat(received.get(1).getRawContent()).isEqualTo(chunked);
        }
    }

    /**
     * Reads until the responses to {@code tids} and the REPORTs about {@code messageIds} all came
     * (their order is the relay's: Liaison's REPORT may overtake the relay's own 200); returns them
     * by transaction id and by Message-ID.
     */
    private static Map<String, String> frames(MsrpRelayClient msrp, List<String> tids, List<String> messageIds) throws IOException {
        Map<String, String> got = new HashMap<>();
        List<String> all = new ArrayList<>();
        while (!got.keySet().containsAll(tids) || !got.keySet().containsAll(messageIds)) {
            String frame = msrp.read();
            assertThat(frame).as("frames through the relay; so far %s", all).isNotNull();
            all.add(frame);
            if (frame.matches("(?s)MSRP \\S+ REPORT\r\n.*")) {
                got.put(header(frame, "Message-ID"), frame);
            } else {
                got.put(frame.substring(5, frame.indexOf(' ', 5)), frame);
            }
        }
        return got;
    }

    private static void assertReport(String report, MsrpRelayClient msrp, String liaison, String messageId, int size) {
        assertThat(report).matches("(?s)MSRP \\S+ REPORT\r\n.*");
        assertThat(header(report, "To-Path")).isEqualTo(msrp.path());
        assertThat(header(report, "From-Path")).isEqualTo(msrp.usePath() + " " + liaison);
        assertThat(header(report, "Status")).isEqualTo("000 200 OK");
        assertThat(header(report, "Message-ID")).isEqualTo(messageId);
        assertThat(header(report, "Byte-Range")).isEqualTo("1-" + size + "/" + size);
    }

    @Test
    void onRegistrationALargeKeptMessageIsPushedThroughTheClientsMsrpRelayAndForgottenOnItsSuccessReport() throws Exception {
        String alice = user("relayalice");
        String bob = user("relaybob");
        // over liaison.im.pager-max-bytes, so it goes over MSRP; under the 10 KiB Kamailio relays
        byte[] large = ("Minutes of the meeting\r\n" + "x".repeat(4000)).getBytes(StandardCharsets.UTF_8);
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", large).getStatusCode()).isEqualTo(202);
        }
        try (MsrpRelayClient msrp = new MsrpRelayClient(relay.port()); SipClient phone = SipClient.tcp()) {
            msrp.authenticate(RELAY_USER, RELAY_PASSWORD);
            // the client answers the store's INVITE with a path through its relay
            phone.acceptMsrpSessions(msrp::sdpOffer);
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String send = msrp.read();
            assertThat(send).as("the kept message, through the relay").matches("(?s)MSRP \\S+ SEND\r\n.*");
            assertThat(header(send, "To-Path")).isEqualTo(msrp.path());
            assertThat(header(send, "From-Path")).startsWith(msrp.usePath() + " msrp://127.0.0.1:");
            assertThat(header(send, "Success-Report")).isEqualTo("yes");
            assertThat(header(send, "Content-Type")).isEqualTo("message/cpim");
            assertThat(send).contains("From: <sip:" + alice + "@liaison.test>").contains(new String(large, StandardCharsets.UTF_8));
            msrp.ok(send);
            assertThat(kept(bob)).as("kept until the client's success REPORT").hasSize(1);
            msrp.reportSuccess(send);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!kept(bob).isEmpty()) {
                assertThat(System.nanoTime()).as("the message forgotten after its REPORT").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(phone.messages()).as("it came over MSRP only").isEmpty();
        }
    }

    @Test
    void aUserTakesKeptMessagesThroughAnMsrpRelayEachForgottenOnItsSuccessReport() throws Exception {
        String alice = user("relayalice");
        String bob = user("relaybob");
        byte[] first = "Première, relayed".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second one".getBytes(StandardCharsets.UTF_8);
        try (SipClient aliceClient = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain;charset=UTF-8", first).getStatusCode())
                    .isEqualTo(202);
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", second).getStatusCode()).isEqualTo(202);
        }
        assertThat(kept(bob)).hasSize(2);
        try (MsrpRelayClient msrp = new MsrpRelayClient(relay.port()); RawSip sip = new RawSip()) {
            msrp.authenticate(RELAY_USER, RELAY_PASSWORD);
            String liaison = RawSip.invite(sip, bob, "sip:deferred@liaison.test", msrp.sdpOffer());
            // the first request binds the connection (RFC 4975 §5.4): here the relay's connection to Liaison
            msrp.send("b1nd1ng0", msrp.usePath() + " " + liaison, "bind0001", "1-0/0", null, null, '$');
            List<String> sends = new ArrayList<>();
            while (sends.size() < 2) {
                String frame = msrp.read();
                assertThat(frame).as("frames through the relay").isNotNull();
                if (frame.matches("(?s)MSRP \\S+ SEND\r\n.*")) {
                    sends.add(frame);
                    msrp.ok(frame);
                    // the relay answered Liaison 200 as soon as it passed the SEND on: only our REPORT says it arrived
                    assertThat(kept(bob)).as("kept until the client's success REPORT").hasSize(3 - sends.size());
                    msrp.reportSuccess(frame);
                } else {
                    assertThat(frame).startsWith("MSRP b1nd1ng0 200");
                }
            }
            assertThat(sends).allSatisfy(f -> {
                assertThat(header(f, "To-Path")).isEqualTo(msrp.path());
                assertThat(header(f, "From-Path")).isEqualTo(msrp.usePath() + " " + liaison);
                assertThat(header(f, "Success-Report")).isEqualTo("yes");
                assertThat(header(f, "Content-Type")).isEqualTo("message/cpim");
                assertThat(f).contains("From: <sip:" + alice + "@liaison.test>").contains("To: <sip:" + bob + "@liaison.test>");
            });
            assertThat(sends.get(0)).contains("Content-Type: text/plain;charset=UTF-8").contains("Première, relayed");
            assertThat(sends.get(1)).contains("Content-Type: text/plain\r\n").contains("second one");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!kept(bob).isEmpty()) {
                assertThat(System.nanoTime()).as("kept messages forgotten after their REPORT").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aKeptMessageLargerThanTheRelayTakesInOneFrameComesThroughItInChunks() throws Exception {
        String alice = user("relayalice");
        String bob = user("relaybob");
        // 12 KB: more than the 10 KiB frame Kamailio relays, less than the 16 KiB SIP message the edge reads
        String text = "A kept message of twelve kilobytes, larger than one frame Kamailio relays. ".repeat(160);
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", text.getBytes(StandardCharsets.UTF_8))
                    .getStatusCode()).isEqualTo(202);
        }
        try (MsrpRelayClient msrp = new MsrpRelayClient(relay.port()); RawSip sip = new RawSip()) {
            msrp.authenticate(RELAY_USER, RELAY_PASSWORD);
            String liaison = RawSip.invite(sip, bob, "sip:deferred@liaison.test", msrp.sdpOffer());
            msrp.send("b1nd1ng1", msrp.usePath() + " " + liaison, "bind0002", "1-0/0", null, null, '$');
            StringBuilder cpim = new StringBuilder();
            String last = null;
            while (last == null) {
                String frame = msrp.read();
                assertThat(frame).as("frames through the relay").isNotNull();
                if (!frame.matches("(?s)MSRP \\S+ SEND\r\n.*")) {
                    continue;
                }
                assertThat(frame.getBytes(StandardCharsets.UTF_8).length).as("each frame fits the relay's 10 KiB")
                        .isLessThan(10 * 1024);
                msrp.ok(frame);
                int body = frame.indexOf("\r\n\r\n") + 4;
                int end = frame.lastIndexOf("\r\n-------");
                cpim.append(frame, body, end);
                if (frame.endsWith("$\r\n")) {
                    last = frame;
                }
            }
            assertThat(cpim.toString()).contains("From: <sip:" + alice + "@liaison.test>").contains(text);
            String total = header(last, "Byte-Range").replaceFirst(".*/", "");
            assertThat(kept(bob)).as("kept until the client's success REPORT").hasSize(1);
            msrp.write("MSRP r3p0rtbig REPORT\r\nTo-Path: " + header(last, "From-Path") + "\r\nFrom-Path: " + msrp.path()
                    + "\r\nMessage-ID: " + header(last, "Message-ID") + "\r\nByte-Range: 1-" + total + "/" + total
                    + "\r\nStatus: 000 200 OK\r\n-------r3p0rtbig$\r\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!kept(bob).isEmpty()) {
                assertThat(System.nanoTime()).as("the kept message forgotten after the REPORT").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}

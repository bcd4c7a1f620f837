package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.liaison.it.LiaisonClient.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session mode (RFC 4975) into the offline store, as a client that writes its own SIP and MSRP
 * would: an INVITE with an MSRP offer to a user who is offline is challenged, then answered
 * {@code 200} with an SDP answer naming our MSRP path; the client connects there and SENDs a
 * message in chunks, each answered {@code 200} once kept, then a success REPORT; the message is
 * kept byte for byte and reaches the recipient when they register. Frames are written by hand
 * here, not by Liaison's codec, so an independent writer checks the framing.
 */
class MsrpSessionIT extends LiaisonIT {

    /** A SIP conversation over one TCP connection, written and read by hand. */
    static final class RawSip implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String callId = UUID.randomUUID() + "@127.0.0.1";
        final String fromTag = Long.toHexString(System.nanoTime());
        final int localPort;

        RawSip() throws IOException {
            socket = new Socket(SipClient.HOST, SipClient.PORT);
            socket.setSoTimeout(15_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            localPort = socket.getLocalPort();
        }

        void write(String message) throws IOException {
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Reads messages until a final response, which it returns (head and body). */
        String finalResponse() throws IOException {
            while (true) {
                String message = read();
                if (!message.matches("(?s)SIP/2\\.0 1\\d\\d .*")) {
                    return message;
                }
            }
        }

        String read() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + head);
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.UTF_8);
            Matcher length = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)").matcher(text);
            int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
            return text + new String(in.readNBytes(size), StandardCharsets.UTF_8);
        }

        String request(String method, String uri, int cseq, String toTag, List<String> extra, String contentType, String body) {
            StringBuilder b = new StringBuilder();
            b.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
            b.append("Via: SIP/2.0/TCP 127.0.0.1:").append(localPort).append(";branch=z9hG4bK").append(UUID.randomUUID()).append("\r\n");
            b.append("Max-Forwards: 70\r\n");
            b.append("From: <sip:").append(from).append("@liaison.test>;tag=").append(fromTag).append("\r\n");
            b.append("To: <").append(uri).append(">").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
            b.append("Call-ID: ").append(callId).append("\r\n");
            b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
            b.append("Contact: <sip:ua@127.0.0.1:").append(localPort).append(";transport=tcp>\r\n");
            extra.forEach(line -> b.append(line).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                b.append("Content-Type: ").append(contentType).append("\r\n");
            }
            b.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            return b + (body == null ? "" : body);
        }

        String from;
        /** The To tag of the last session set up ({@link #invite}). */
        String toTag;

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** An MSRP peer that writes frames by hand (RFC 4975 §7.1). */
    private static final class RawMsrp implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        RawMsrp(String path) throws IOException {
            Matcher m = Pattern.compile("msrp://([^:/]+):(\\d+)/").matcher(path);
            assertThat(m.find()).as(path).isTrue();
            socket = new Socket(m.group(1), Integer.parseInt(m.group(2)));
            socket.setSoTimeout(15_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String tid, String to, String from, String messageId, String range, String contentType, byte[] body,
                  char flag, String... extra) throws IOException {
            StringBuilder head = new StringBuilder("MSRP " + tid + " SEND\r\nTo-Path: " + to + "\r\nFrom-Path: " + from + "\r\n"
                    + "Message-ID: " + messageId + "\r\nByte-Range: " + range + "\r\n");
            for (String line : extra) {
                head.append(line).append("\r\n");
            }
            head.append("Content-Type: ").append(contentType).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.write(("\r\n-------" + tid + flag + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next frame, whole (start line to end-line). */
        String read() throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            String text;
            do {
                int b = in.read();
                if (b < 0) {
                    return frame.size() == 0 ? null : frame.toString(StandardCharsets.UTF_8);
                }
                frame.write(b);
                text = frame.toString(StandardCharsets.UTF_8);
            } while (!text.matches("(?s)MSRP (\\S+) .*\r\n-------\\1[$+#]\r\n"));
            return text;
        }

        /** Answers a request frame 200 (RFC 4975 §7.2): To-Path is its From-Path, From-Path ours. */
        void ok(String request, String ours) throws IOException {
            String tid = request.substring(5, request.indexOf(' ', 5));
            out.write(("MSRP " + tid + " 200 OK\r\nTo-Path: " + header(request, "From-Path") + "\r\nFrom-Path: " + ours
                    + "\r\n-------" + tid + "$\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final String OFFER_PATH = "msrp://127.0.0.1:7777/s3ndr7a1ic3;tcp";

    private static String sdpOffer() {
        return "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 7777 TCP/MSRP *\r\na=accept-types:text/plain message/cpim\r\na=path:" + OFFER_PATH + "\r\n";
    }

    static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    private List<JsonObject> kept(String username) {
        return array(as(username).get("api/messages")).stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    void aLargeMessageSentInChunksOverMsrpIsKeptByteForByteAndReachesTheUserLater() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        String uri = "sip:" + bob + "@liaison.test";
        byte[] text = ("Long report, line one.\r\n-------not an end-line\r\n" + "é".repeat(3000)).getBytes(StandardCharsets.UTF_8);
        int half = text.length / 2;
        try (RawSip sip = new RawSip()) {
            sip.from = alice;
            sip.write(sip.request("INVITE", uri, 1, null, List.of(), "application/sdp", sdpOffer()));
            String challenge = sip.finalResponse();
            assertThat(challenge).startsWith("SIP/2.0 401");
            String toTag = param(header(challenge, "To"), "tag");
            sip.write(sip.request("ACK", uri, 1, toTag, List.of(), null, null));
            String www = header(challenge, "WWW-Authenticate");
            String sha = challenge.lines().filter(l -> l.startsWith("WWW-Authenticate") && l.contains("SHA-256")).findFirst().orElse(www);
            String authorization = SipClient.authorization(Request.INVITE, uri, param(sha, "nonce"), param(sha, "realm"), "SHA-256",
                    alice, password(alice), 1);
            sip.write(sip.request("INVITE", uri, 2, null, List.of("Authorization: " + authorization), "application/sdp", sdpOffer()));
            String ok = sip.finalResponse();
            assertThat(ok).startsWith("SIP/2.0 200");
            assertThat(header(ok, "Content-Type")).isEqualTo("application/sdp");
            String path = ok.lines().filter(l -> l.startsWith("a=path:")).findFirst().orElseThrow().substring(7).strip();
            assertThat(path).startsWith("msrp://127.0.0.1:").endsWith(";tcp");
            toTag = param(header(ok, "To"), "tag");
            sip.write(sip.request("ACK", uri, 2, toTag, List.of(), null, null));

            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("t1a2b3c4", path, OFFER_PATH, "m4711x", "1-" + half + "/" + text.length, "text/plain;charset=UTF-8",
                        java.util.Arrays.copyOfRange(text, 0, half), '+', "Success-Report: yes");
                String first = msrp.read();
                assertThat(first).startsWith("MSRP t1a2b3c4 200");
                assertThat(header(first, "To-Path")).isEqualTo(OFFER_PATH);
                msrp.send("t5d6e7f8", path, OFFER_PATH, "m4711x", (half + 1) + "-" + text.length + "/" + text.length,
                        "text/plain;charset=UTF-8", java.util.Arrays.copyOfRange(text, half, text.length), '$',
                        "Success-Report: yes");
                List<String> frames = new ArrayList<>(List.of(msrp.read(), msrp.read()));
                assertThat(frames).anySatisfy(f -> assertThat(f).startsWith("MSRP t5d6e7f8 200"));
                assertThat(frames).anySatisfy(f -> {
                    assertThat(f).matches("(?s)MSRP \\S+ REPORT\r\n.*");
                    assertThat(header(f, "Status")).isEqualTo("000 200 OK");
                    assertThat(header(f, "Message-ID")).isEqualTo("m4711x");
                    assertThat(header(f, "Byte-Range")).isEqualTo("1-" + text.length + "/" + text.length);
                });

                // a session nobody opened: 481, and the connection is closed
                msrp.send("t9z9z9z9", "msrp://127.0.0.1:" + path.replaceAll(".*:(\\d+)/.*", "$1") + "/nosuchsession;tcp", OFFER_PATH,
                        "m1m1m1m1", "1-2/2", "text/plain", "hi".getBytes(StandardCharsets.UTF_8), '$');
                assertThat(msrp.read()).startsWith("MSRP t9z9z9z9 481");
                assertThat(msrp.read()).isNull();
            }
            List<JsonObject> waiting = kept(bob);
            assertThat(waiting).hasSize(1);
            assertThat(Base64.getDecoder().decode(waiting.get(0).getString("body"))).isEqualTo(text);
            assertThat(waiting.get(0).getString("from")).contains("sip:" + alice + "@liaison.test");
            assertThat(waiting.get(0).getString("contentType")).isEqualTo("text/plain;charset=UTF-8");

            sip.write(sip.request("BYE", uri, 3, toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
        try (SipClient phone = SipClient.tcp()) {
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(phone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(text);
        }
    }

    /** INVITEs {@code uri} as {@code user} with an MSRP offer, answering the digest challenge; returns the 200's MSRP path. */
    private static String invite(RawSip sip, String user, String uri) throws IOException {
        return invite(sip, user, uri, sdpOffer());
    }

    /** INVITEs {@code uri} as {@code user} with the SDP offer {@code sdp}, answering the digest challenge; returns the 200's MSRP path. */
    static String invite(RawSip sip, String user, String uri, String sdp) throws IOException {
        sip.from = user;
        sip.write(sip.request("INVITE", uri, 1, null, List.of(), "application/sdp", sdp));
        String challenge = sip.finalResponse();
        assertThat(challenge).startsWith("SIP/2.0 401");
        sip.write(sip.request("ACK", uri, 1, param(header(challenge, "To"), "tag"), List.of(), null, null));
        String sha = challenge.lines().filter(l -> l.startsWith("WWW-Authenticate") && l.contains("SHA-256")).findFirst().orElseThrow();
        String authorization = SipClient.authorization(Request.INVITE, uri, param(sha, "nonce"), param(sha, "realm"), "SHA-256",
                user, password(user), 1);
        sip.write(sip.request("INVITE", uri, 2, null, List.of("Authorization: " + authorization), "application/sdp", sdp));
        String ok = sip.finalResponse();
        assertThat(ok).startsWith("SIP/2.0 200");
        sip.toTag = param(header(ok, "To"), "tag");
        sip.write(sip.request("ACK", uri, 2, sip.toTag, List.of(), null, null));
        return ok.lines().filter(l -> l.startsWith("a=path:")).findFirst().orElseThrow().substring(7).strip();
    }

    @Test
    void aUserTakesTheKeptMessagesFromTheOfflineStoreOverMsrpEachInCpimWithItsSenderAndTime() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        byte[] first = "Première".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second one".getBytes(StandardCharsets.UTF_8);
        try (SipClient aliceClient = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain;charset=UTF-8", first).getStatusCode())
                    .isEqualTo(202);
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", second).getStatusCode()).isEqualTo(202);
        }
        assertThat(kept(bob)).hasSize(2);
        try (RawSip sip = new RawSip()) {
            String path = invite(sip, bob, "sip:deferred@liaison.test");
            try (RawMsrp msrp = new RawMsrp(path)) {
                // the active end binds the connection with a first SEND, which may be empty (RFC 4975 §5.4)
                msrp.send("b1nd1ng0", path, OFFER_PATH, "bind1", "1-0/0", "text/plain", new byte[0], '$');
                List<String> sends = new ArrayList<>();
                while (sends.size() < 2) {
                    String frame = msrp.read();
                    assertThat(frame).as("frames from the store").isNotNull();
                    if (frame.matches("(?s)MSRP \\S+ SEND\r\n.*")) {
                        sends.add(frame);
                        msrp.ok(frame, OFFER_PATH);
                    } else {
                        assertThat(frame).startsWith("MSRP b1nd1ng0 200");
                    }
                }
                assertThat(sends).allSatisfy(f -> {
                    assertThat(header(f, "To-Path")).isEqualTo(OFFER_PATH);
                    assertThat(header(f, "From-Path")).isEqualTo(path);
                    assertThat(header(f, "Content-Type")).isEqualTo("message/cpim");
                    assertThat(f).contains("From: <sip:" + alice + "@liaison.test>").contains("To: <sip:" + bob + "@liaison.test>")
                            .containsPattern("DateTime: 20\\d\\d-");
                });
                assertThat(sends.get(0)).contains("Content-Type: text/plain;charset=UTF-8").contains("Première");
                assertThat(sends.get(1)).contains("Content-Type: text/plain\r\n").contains("second one");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!kept(bob).isEmpty()) {
                    assertThat(System.nanoTime()).as("kept messages forgotten after their 200").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }
    }

    @Test
    void onRegistrationTheStoreSetsUpAnMsrpSessionForALargeKeptMessageAndSendsSmallOnesAsMessages() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        byte[] small = "short".getBytes(StandardCharsets.UTF_8);
        byte[] large = ("Minutes of the meeting\r\n" + "x".repeat(4000)).getBytes(StandardCharsets.UTF_8);
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", small).getStatusCode()).isEqualTo(202);
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", large).getStatusCode()).isEqualTo(202);
        }
        try (MsrpPeer peer = new MsrpPeer(); SipClient phone = SipClient.tcp()) {
            phone.acceptMsrpSessions(peer);
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(phone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(small);
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (peer.sends().isEmpty() || !kept(bob).isEmpty()) {
                assertThat(System.nanoTime()).as("the large message handed over MSRP and forgotten").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(phone.invites()).singleElement().satisfies(invite -> {
                assertThat(SipClient.header(invite, "From")).contains("sip:deferred@liaison.test");
                assertThat(SipClient.body(invite)).contains("m=message").contains("a=path:msrp://");
            });
            String send = peer.sends().get(0);
            assertThat(MsrpPeer.header(send, "To-Path")).isEqualTo(peer.path());
            assertThat(MsrpPeer.header(send, "Content-Type")).isEqualTo("message/cpim");
            assertThat(send).contains("From: <sip:" + alice + "@liaison.test>").contains("Content-Type: text/plain")
                    .contains(new String(large, StandardCharsets.UTF_8));
            assertThat(phone.messages()).as("the large one came over MSRP only").hasSize(1);
        }
    }

    @Test
    void aClientThatTakesNoMsrpSessionGetsALargeKeptMessageAsAMessage() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        byte[] large = ("Long " + "y".repeat(3000)).getBytes(StandardCharsets.UTF_8);
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, "text/plain", large).getStatusCode()).isEqualTo(202);
        }
        try (SipClient phone = SipClient.tcp()) {
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(phone.awaitMessages(1, 15).get(0).getRawContent()).isEqualTo(large);
            assertThat(phone.invites()).as("offered an MSRP session first, refused 488").hasSize(1);
        }
    }

    @Test
    void badMsrpTrafficGetsItsStatusAndTheConnectionClosedAndNothingIsKept() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        try (RawSip sip = new RawSip()) {
            String path = invite(sip, alice, "sip:" + bob + "@liaison.test");
            String port = path.replaceAll(".*:(\\d+)/.*", "$1");
            // a To-Path that asks us to relay further: 403
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("r3l4y001", path + " msrp://elsewhere.example:2855/abcd;tcp", OFFER_PATH, "relay01", "1-2/2",
                        "text/plain", "hi".getBytes(StandardCharsets.UTF_8), '$');
                assertThat(msrp.read()).startsWith("MSRP r3l4y001 403");
            }
            // a chunk larger than liaison.msrp.max-chunk-kilobytes (1 MiB): 413, then the connection is closed
            try (RawMsrp msrp = new RawMsrp(path)) {
                byte[] huge = new byte[1024 * 1024 + 10];
                java.util.Arrays.fill(huge, (byte) 'z');
                try {
                    msrp.send("b1gb1g01", path, OFFER_PATH, "huge0001", "1-" + huge.length + "/" + huge.length, "text/plain", huge, '$');
                } catch (IOException closedWhileWriting) {
                    // the edge may close before the whole chunk is written
                }
                // the 413 may be lost if the edge closes while the rest of the chunk is still coming
                // (the peer's TCP stack then resets the connection): either way the connection ends
                String answer = msrp.read();
                if (answer != null) {
                    assertThat(answer).startsWith("MSRP b1gb1g01 413");
                    assertThat(msrp.read()).isNull();
                }
            }
            // a frame that cannot be read (a Byte-Range that is no range): 400, and the connection closed
            try (RawMsrp msrp = new RawMsrp("msrp://127.0.0.1:" + port + "/x;tcp")) {
                msrp.out.write(("MSRP g4rb4g3x SEND\r\nTo-Path: " + path + "\r\nFrom-Path: " + OFFER_PATH + "\r\n"
                        + "Message-ID: b4dr4ng3\r\nByte-Range: banana\r\nContent-Type: text/plain\r\n\r\nhi\r\n-------g4rb4g3x$\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                msrp.out.flush();
                assertThat(msrp.read()).startsWith("MSRP g4rb4g3x 400");
                assertThat(msrp.read()).isNull();
            }
        }
        assertThat(kept(bob)).isEmpty();
    }

    @Test
    void whatASessionLeftForARegisteredUserReachesTheirContactWhenTheSessionEnds() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        byte[] text = "left over MSRP while you were online".getBytes(StandardCharsets.UTF_8);
        try (SipClient phone = SipClient.tcp(); RawSip sip = new RawSip()) {
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String uri = "sip:" + bob + "@liaison.test";
            String path = invite(sip, alice, uri);
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("0nl1ne01", path, OFFER_PATH, "online01", "1-" + text.length + "/" + text.length, "text/plain", text, '$');
                assertThat(msrp.read()).startsWith("MSRP 0nl1ne01 200");
            }
            assertThat(phone.messages()).as("nothing handed on while the session lasts").isEmpty();
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
            assertThat(phone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(text);
        }
    }

    @Test
    void anInviteWithoutAnMsrpOfferIsNotAcceptableHere() throws Exception {
        String alice = user("msrpalice");
        try (RawSip sip = new RawSip()) {
            sip.from = alice;
            String uri = "sip:someone@liaison.test";
            sip.write(sip.request("INVITE", uri, 1, null, List.of(), "application/sdp",
                    "v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
            String answer = sip.finalResponse();
            assertThat(answer).startsWith("SIP/2.0 488");
            sip.write(sip.request("ACK", uri, 1, param(header(answer, "To"), "tag"), List.of(), null, null));
        }
    }
}

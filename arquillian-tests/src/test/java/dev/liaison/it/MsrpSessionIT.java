package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.RawSip.OFFER_PATH;
import static dev.liaison.it.RawSip.header;
import static dev.liaison.it.RawSip.invite;
import static dev.liaison.it.RawSip.inviteAnswer;
import static dev.liaison.it.RawSip.param;
import static dev.liaison.it.RawSip.sdpOffer;
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
    void aSessionToAnOnlineUserIsSetUpEndToEndThroughUsAndTextFlowsBothWaysWithReports() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        try (SipClient phone = SipClient.tcp(); MsrpPeer bobs = new MsrpPeer(); RawSip sip = new RawSip()) {
            phone.acceptMsrpSessions(bobs);
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String uri = "sip:" + bob + "@liaison.test";
            String path = invite(sip, alice, uri);
            assertThat(phone.invites()).as("the session is offered to bob's contact").singleElement().satisfies(invite -> {
                assertThat(SipClient.header(invite, "From")).contains("sip:" + alice + "@liaison.test");
                assertThat(SipClient.body(invite)).contains("m=message").doesNotContain(OFFER_PATH);
            });
            String ourCalleeSide = SipClient.body(phone.invites().get(0)).lines().filter(l -> l.startsWith("a=path:"))
                    .findFirst().orElseThrow().substring(7).strip();
            assertThat(path).as("the caller and the callee each talk to a URI of ours").startsWith("msrp://")
                    .isNotEqualTo(ourCalleeSide);
            byte[] hello = "Hello Bob, through the server".getBytes(StandardCharsets.UTF_8);
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("r3lay001", path, OFFER_PATH, "relay001", "1-" + hello.length + "/" + hello.length, "text/plain", hello,
                        '$', "Success-Report: yes");
                assertThat(msrp.read()).as("bob's client took it").startsWith("MSRP r3lay001 200")
                        .contains("To-Path: " + OFFER_PATH);
                String received = awaitFrame(bobs, f -> f.contains("Message-ID: relay001"));
                assertThat(received).contains("To-Path: " + bobs.path()).contains("From-Path: " + ourCalleeSide)
                        .contains("Success-Report: yes").contains(new String(hello, StandardCharsets.UTF_8));

                bobs.write("MSRP r3p0rtb0b REPORT\r\nTo-Path: " + ourCalleeSide + "\r\nFrom-Path: " + bobs.path()
                        + "\r\nMessage-ID: relay001\r\nByte-Range: 1-" + hello.length + "/" + hello.length
                        + "\r\nStatus: 000 200 OK\r\n-------r3p0rtb0b$\r\n");
                String report = msrp.read();
                assertThat(report).as("bob's success report reaches alice").contains(" REPORT\r\n").contains("To-Path: " + OFFER_PATH)
                        .contains("From-Path: " + path).contains("Message-ID: relay001").contains("Status: 000 200 OK");

                bobs.write("MSRP b0br3ply SEND\r\nTo-Path: " + ourCalleeSide + "\r\nFrom-Path: " + bobs.path()
                        + "\r\nMessage-ID: b0bm1\r\nByte-Range: 1-8/8\r\nContent-Type: text/plain\r\n\r\nHi Alice\r\n-------b0br3ply$\r\n");
                String back = msrp.read();
                assertThat(back).as("bob's answer reaches alice").contains(" SEND\r\n").contains("To-Path: " + OFFER_PATH)
                        .contains("From-Path: " + path).contains("\r\n\r\nHi Alice\r\n");
                msrp.ok(back, OFFER_PATH);
                assertThat(awaitFrame(bobs, f -> f.startsWith("MSRP b0br3ply 200"))).contains("To-Path: " + bobs.path());
            }
            assertThat(kept(bob)).as("nothing is kept: bob was there").isEmpty();
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
            awaitTrue(() -> phone.byes().size() == 1, "the BYE goes on to bob");
        }
    }

    @Test
    void aSessionNoContactTakesGoesToTheStoreAndReachesTheUserLater() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        byte[] text = "kept when bob's phone said no".getBytes(StandardCharsets.UTF_8);
        try (SipClient phone = SipClient.tcp(); RawSip sip = new RawSip()) {
            // this phone takes no MSRP session (488): the store answers instead
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String uri = "sip:" + bob + "@liaison.test";
            String path = invite(sip, alice, uri);
            assertThat(phone.invites()).as("offered to the contact first").hasSize(1);
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("st0r3d01", path, OFFER_PATH, "stored01", "1-" + text.length + "/" + text.length, "text/plain", text, '$');
                assertThat(msrp.read()).startsWith("MSRP st0r3d01 200");
            }
            assertThat(kept(bob)).singleElement().satisfies(m -> assertThat(m.getString("text")).isEqualTo(new String(text,
                    StandardCharsets.UTF_8)));
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
    }

    @Test
    void aCallerWhoCancelsWhileTheContactRingsHearsRequestTerminatedAndTheOfferToTheContactIsCancelled() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        try (SipClient phone = SipClient.tcp(); RawSip sip = new RawSip()) {
            phone.ringOnInvite();
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String uri = "sip:" + bob + "@liaison.test";
            sip.from = alice;
            sip.write(sip.request("INVITE", uri, 1, null, List.of(), "application/sdp", sdpOffer()));
            String challenge = sip.finalResponse();
            assertThat(challenge).startsWith("SIP/2.0 401");
            sip.write(sip.request("ACK", uri, 1, param(header(challenge, "To"), "tag"), List.of(), null, null));
            String sha = challenge.lines().filter(l -> l.startsWith("WWW-Authenticate") && l.contains("SHA-256")).findFirst()
                    .orElseThrow();
            String authorization = SipClient.authorization(Request.INVITE, uri, param(sha, "nonce"), param(sha, "realm"),
                    "SHA-256", alice, Accounts.password(alice), 1);
            sip.write(sip.request("INVITE", uri, 2, null, List.of("Authorization: " + authorization), "application/sdp",
                    sdpOffer()));
            awaitTrue(() -> phone.invites().size() == 1, "the session is offered to bob's ringing phone");

            sip.write(sip.cancel(uri, 2));
            String cancelled = null;
            String invite = null;
            while (cancelled == null || invite == null) {
                String response = sip.read();
                String cseq = header(response, "CSeq");
                if (cseq.endsWith("CANCEL")) {
                    cancelled = response;
                } else if (!response.matches("(?s)SIP/2\\.0 1\\d\\d .*")) {
                    invite = response;
                }
            }
            assertThat(cancelled).as("the CANCEL names the INVITE being offered").startsWith("SIP/2.0 200");
            assertThat(invite).as("the INVITE ends as the caller asked").startsWith("SIP/2.0 487");
            sip.write(sip.ackOfLast(uri, 2, param(header(invite, "To"), "tag")));
            awaitTrue(() -> phone.cancels().size() == 1, "the offer to bob's phone is cancelled in turn");
        }
    }

    @Test
    void aSessionToAGroupKeepsEachMessageForEveryOtherMemberAndHandsItToThoseRegistered() throws Exception {
        String alice = user("msrpalice");
        String bob = user("msrpbob");
        String carol = user("msrpcarol");
        String outsider = user("msrpdave");
        String name = "chat-" + UUID.randomUUID().toString().substring(0, 8);
        var created = as(alice).postJson("api/groups", "{\"name\":\"" + name + "\",\"members\":[\"" + bob + "\",\"" + carol + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uri = "sip:" + name + "@groups.liaison.test";
        String first = "Minutes of today, part one; ";
        String second = "part two, for the whole team.";
        String text = first + second;
        try (SipClient bobPhone = SipClient.tcp(); RawSip sip = new RawSip()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String path = invite(sip, alice, uri);
            try (RawMsrp msrp = new RawMsrp(path)) {
                int n = text.length();
                msrp.send("gr0up001", path, OFFER_PATH, "group001", "1-" + first.length() + "/" + n, "text/plain",
                        first.getBytes(StandardCharsets.UTF_8), '+', "Success-Report: yes");
                assertThat(msrp.read()).startsWith("MSRP gr0up001 200");
                msrp.send("gr0up002", path, OFFER_PATH, "group001", (first.length() + 1) + "-" + n + "/" + n, "text/plain",
                        second.getBytes(StandardCharsets.UTF_8), '$', "Success-Report: yes");
                assertThat(msrp.read()).startsWith("MSRP gr0up002 200");
                assertThat(msrp.read()).as("kept for the group: the success report").contains(" REPORT\r\n")
                        .contains("Message-ID: group001").contains("Status: 000 200");
            }
            Request got = bobPhone.awaitMessages(1, 10).get(0);
            assertThat(new String(got.getRawContent(), StandardCharsets.UTF_8)).as("bob is registered: he gets it at once")
                    .isEqualTo(text);
            assertThat(SipClient.header(got, "From")).as("bob sees who wrote, and his reply goes to the group")
                    .contains(alice).contains(name + "@groups.liaison.test");
            assertThat(kept(carol)).as("carol is not registered: hers is kept").singleElement()
                    .satisfies(m -> assertThat(m.getString("text")).isEqualTo(text));
            assertThat(kept(alice)).as("nothing goes back to the sender").isEmpty();
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
        try (RawSip sip = new RawSip()) {
            assertThat(inviteAnswer(sip, outsider, uri)).as("only members may send to a group").startsWith("SIP/2.0 403");
        }
    }

    private static String awaitFrame(MsrpPeer peer, java.util.function.Predicate<String> wanted) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            var found = peer.frames().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such frame within 10 s; received: " + peer.frames());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
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

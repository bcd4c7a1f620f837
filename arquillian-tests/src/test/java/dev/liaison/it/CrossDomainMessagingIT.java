package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Liaison domains, two deployments: the managed server serves {@code liaison.test}, a second
 * server ({@link ServerProcess}, SIP on {@value ServerProcess#SIP_PORT}, its own database) serves
 * {@code b.test}; each names the other as a peer with a shared secret. A MESSAGE from alice of
 * liaison.test to bob of b.test goes from alice's server to bob's, which keeps it (or relays it to
 * bob's contact), and alice hears {@code 202} only once bob's server answered it; a MESSAGE into
 * b.test that no peer server vouches for is refused; a peer that is down is a {@code 504}. An
 * MSRP session goes hop by hop: alice's server answers her with its own MSRP path and passes
 * every chunk, answer and REPORT on to and from bob's server, which keeps the message. Each
 * server's event log records its leg under one correlation id, and the delivery report a sender
 * asked for comes back from the other domain. A group on liaison.test with a member of b.test
 * keeps its copies here and hands that member's to b.test's server, which keeps it showing the
 * group; while b.test is down the copy waits in liaison.test's peer outbox and arrives once it is back,
 * and a copy for a peer that never answers (d.test, a closed port) is given up when its time ran
 * out, its writer told.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossDomainMessagingIT extends LiaisonIT {

    static final String B = "b.test";
    static final String SECRET = "shared-by-liaison-and-b";
    private static ServerProcess domainB;

    @BeforeAll
    static void startDomainB() {
        Map<String, String> environment = new HashMap<>();
        String database = System.getenv("LIAISON_DB_URL");
        if (database != null && !database.isBlank()) {
            // the second domain has a database of its own: <database>_b (scripts/postgresql-test-database.sh)
            environment.put("LIAISON_DB_URL", database.replaceFirst("/([^/?]+)(\\?.*)?$", "/$1_b$2"));
        }
        domainB = ServerProcess.fresh(Map.of("liaison.sip.realm", B,
                "liaison.sip.peers", "liaison.test=127.0.0.1:" + SipClient.PORT + "/tcp",
                "liaison.sip.peer-secrets", "liaison.test=" + SECRET), environment);
        domainB.start();
    }

    @AfterAll
    static void stopDomainB() {
        if (domainB != null) {
            domainB.close();
        }
    }

    private static String userAtB(String prefix) {
        return Accounts.create(domainB.base(), prefix);
    }

    private static List<JsonObject> keptAtB(String username) {
        return LiaisonClient.array(Accounts.as(domainB.base(), username).get("api/messages")).stream()
                .map(JsonValue::asJsonObject).toList();
    }

    /** The detail of the one leg {@code type} the event log of the server at {@code server} holds for {@code user}, once it is there. */
    private static JsonObject leg(java.net.URL server, String type, String user) {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<JsonValue> events = LiaisonClient.array(LiaisonClient.as(server, "admin", "admin")
                    .get("api/events?type=" + type + "&subject=" + user));
            if (!events.isEmpty()) {
                assertThat(events).as(type + " for " + user).hasSize(1);
                try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(events.get(0).asJsonObject()
                        .getString("detail")))) {
                    return reader.readObject();
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + type + " for " + user + " in the event log of " + server);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void aMessageToAnOfflineUserOfTheOtherDomainIsKeptThereAndReachesThemWhenTheyRegister() {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        byte[] text = utf8("Hello from the other domain: ¡hola!");
        try (SipClient aliceClient = SipClient.tcp()) {
            Response answer = aliceClient.messageTo(alice, password(alice), bob, B, "text/plain;charset=UTF-8", text);
            assertThat(answer.getStatusCode()).as("202 only once b.test kept it").isEqualTo(202);
        }
        JsonObject relayed = leg(base, "im.peer-relayed", alice);
        JsonObject received = leg(domainB.base(), "im.peer-received", bob);
        assertThat(received.getString("correlation")).as("both servers log their leg under one correlation id")
                .isEqualTo(relayed.getString("correlation"));
        assertThat(relayed.getString("method")).isEqualTo("MESSAGE");
        assertThat(relayed.getString("peer")).isEqualTo(B);
        assertThat(relayed.getInt("status")).isEqualTo(202);
        assertThat(received.getString("peer")).isEqualTo("liaison.test");
        assertThat(received.getString("party")).isEqualTo(alice + "@liaison.test");
        assertThat(received.getInt("status")).isEqualTo(202);
        assertThat(keptAtB(bob)).as("kept by b.test's store").singleElement().satisfies(m -> {
            assertThat(m.getString("from")).contains("sip:" + alice + "@liaison.test");
            assertThat(m.getString("text")).isEqualTo(new String(text, StandardCharsets.UTF_8));
        });
        try (SipClient bobPhone = SipClient.of("tcp", ServerProcess.SIP_PORT, B)) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            Request got = bobPhone.awaitMessages(1, 10).get(0);
            assertThat(got.getRawContent()).isEqualTo(text);
            assertThat(SipClient.header(got, "From")).contains("sip:" + alice + "@liaison.test");
        }
    }

    @Test
    @Order(2)
    void aMessageToARegisteredUserOfTheOtherDomainReachesTheirContactAtOnce() {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        byte[] text = utf8("are you there, bob?");
        try (SipClient bobPhone = SipClient.of("tcp", ServerProcess.SIP_PORT, B); SipClient aliceClient = SipClient.tcp()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(aliceClient.messageTo(alice, password(alice), bob, B, "text/plain", text).getStatusCode())
                    .as("alice may not see bob's presence across domains: 202 either way").isEqualTo(202);
            assertThat(bobPhone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(text);
        }
        assertThat(keptAtB(bob)).isEmpty();
    }

    @Test
    @Order(3)
    void theDeliveryReportASenderAskedForComesBackFromTheOtherDomainWhenTheRecipientGotTheMessage() {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        String cpim = "From: <sip:" + alice + "@liaison.test>\r\nTo: <sip:" + bob + "@b.test>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: x-4711\r\nDateTime: 2026-12-03T10:00:00Z\r\n"
                + "imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\nDid you get it?";
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.messageTo(alice, password(alice), bob, B, "message/cpim", utf8(cpim)).getStatusCode())
                    .isEqualTo(202);
        }
        try (SipClient bobPhone = SipClient.of("tcp", ServerProcess.SIP_PORT, B)) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(bobPhone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8(cpim));
        }
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        List<JsonObject> notices = List.of();
        while (notices.isEmpty() && System.nanoTime() < end) {
            notices = LiaisonClient.array(as(alice).get("api/messages")).stream().map(JsonValue::asJsonObject)
                    .filter(m -> m.getString("from").contains("sip:" + bob + "@b.test")).toList();
            pause();
        }
        assertThat(notices).as("the IMDN report came back from b.test and is kept for alice").singleElement().satisfies(n -> {
            assertThat(n.getString("contentType")).isEqualTo("message/cpim");
            assertThat(n.getString("text")).contains("Content-Type: message/imdn+xml").contains("<message-id>x-4711</message-id>")
                    .contains("<delivered/>");
        });
    }

    @Test
    @Order(3)
    void aMessageIntoTheOtherDomainThatNoPeerServerVouchesForIsRefused() {
        String bob = userAtB("xbob");
        try (SipClient mallory = SipClient.of("tcp", ServerProcess.SIP_PORT)) {
            String callId = UUID.randomUUID() + "@mallory";
            Response unsigned = mallory.send(mallory.messageRequestTo("alice", bob, B, "text/plain", utf8("trust me"), callId, 1));
            assertThat(unsigned.getStatusCode()).isEqualTo(403);
            assertThat(unsigned.getReasonPhrase()).isEqualTo("No relay for liaison.test");
            Response forged = mallory.send(mallory.messageRequestTo("alice", bob, B, "text/plain", utf8("trust me"), callId, 2,
                    "Liaison-Peer: liaison.test;ts=" + System.currentTimeMillis() / 1000 + ";mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            assertThat(forged.getStatusCode()).isEqualTo(403);
            assertThat(forged.getReasonPhrase()).isEqualTo("Bad peer signature");
        }
        try (SipClient stranger = SipClient.of("tcp", ServerProcess.SIP_PORT, "evil.test")) {
            Response answer = stranger.send(stranger.messageRequestTo("eve", bob, B, "text/plain", utf8("hi"),
                    UUID.randomUUID() + "@evil", 1, "Liaison-Peer: evil.test;ts=1;mac=x"));
            assertThat(answer.getStatusCode()).isEqualTo(403);
            assertThat(answer.getReasonPhrase()).isEqualTo("Untrusted peer evil.test");
        }
        assertThat(keptAtB(bob)).as("nothing kept").isEmpty();
    }

    @Test
    @Order(4)
    void aSessionToAnOfflineUserOfTheOtherDomainGoesHopByHopIntoTheirStoreWithItsReportsBack() throws Exception {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        String uri = "sip:" + bob + "@" + B;
        String first = "A large note across two domains, ";
        String second = "sent in two chunks through both servers.";
        int n = first.length() + second.length();
        try (RawSip sip = new RawSip()) {
            String path = RawSip.invite(sip, alice, uri);
            assertThat(path).as("alice talks MSRP to her own server, the first hop")
                    .startsWith("msrp://127.0.0.1:2855/");
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("x0chunk1", path, RawSip.OFFER_PATH, "xdomain1", "1-" + first.length() + "/" + n, "text/plain",
                        utf8(first), '+', "Success-Report: yes");
                assertThat(msrp.read()).startsWith("MSRP x0chunk1 200");
                msrp.send("x0chunk2", path, RawSip.OFFER_PATH, "xdomain1", (first.length() + 1) + "-" + n + "/" + n,
                        "text/plain", utf8(second), '$', "Success-Report: yes");
                assertThat(msrp.read()).as("answered once b.test's store kept the whole message").startsWith("MSRP x0chunk2 200");
                String report = msrp.read();
                assertThat(report).as("b.test's success report comes back along the chain").contains(" REPORT\r\n")
                        .contains("To-Path: " + RawSip.OFFER_PATH).contains("From-Path: " + path)
                        .contains("Message-ID: xdomain1").contains("Byte-Range: 1-" + n + "/" + n).contains("Status: 000 200");
            }
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
        JsonObject relayed = leg(base, "im.peer-relayed", alice);
        JsonObject received = leg(domainB.base(), "im.peer-received", bob);
        assertThat(relayed.getString("method")).isEqualTo("INVITE");
        assertThat(relayed.getInt("status")).isEqualTo(200);
        assertThat(received.getString("method")).isEqualTo("INVITE");
        assertThat(received.getString("correlation")).as("one correlation id on both servers")
                .isEqualTo(relayed.getString("correlation"));
        assertThat(keptAtB(bob)).as("kept by b.test's store, byte for byte").singleElement().satisfies(m -> {
            assertThat(m.getString("from")).contains("sip:" + alice + "@liaison.test");
            assertThat(m.getString("text")).isEqualTo(first + second);
        });
    }

    @Test
    @Order(4)
    void aSessionToARegisteredUserOfTheOtherDomainRunsThroughBothServersToTheirClient() throws Exception {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        String uri = "sip:" + bob + "@" + B;
        byte[] hello = utf8("Hello bob, through two servers");
        try (SipClient bobPhone = SipClient.of("tcp", ServerProcess.SIP_PORT, B); MsrpPeer bobs = new MsrpPeer();
             RawSip sip = new RawSip()) {
            bobPhone.acceptMsrpSessions(bobs);
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            String path = RawSip.invite(sip, alice, uri);
            assertThat(bobPhone.invites()).as("b.test offered the session to bob's client").singleElement()
                    .satisfies(invite -> assertThat(SipClient.header(invite, "From")).contains("sip:" + alice + "@liaison.test"));
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("x0live01", path, RawSip.OFFER_PATH, "xlive001", "1-" + hello.length + "/" + hello.length, "text/plain",
                        hello, '$');
                assertThat(msrp.read()).as("bob's client's 200, passed back by both servers").startsWith("MSRP x0live01 200");
            }
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (bobs.sends().stream().noneMatch(f -> f.contains("Message-ID: xlive001")) && System.nanoTime() < end) {
                pause();
            }
            assertThat(bobs.sends()).as("the message reached bob's client").anySatisfy(f -> assertThat(f)
                    .contains("Message-ID: xlive001").contains(new String(hello, StandardCharsets.UTF_8)));
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
        assertThat(keptAtB(bob)).as("nothing kept: bob's client took it").isEmpty();
    }

    /** A group on liaison.test owned by {@code owner} with these members; its address. */
    private String groupOf(String owner, String... members) {
        String name = "xteam" + Long.toString(System.nanoTime() % 2_000_000_000L, 36);
        String list = String.join(",", java.util.Arrays.stream(members).map(m -> "\"" + m + "\"").toList());
        var created = as(owner).postJson("api/groups", "{\"name\":\"" + name + "\",\"members\":[" + list + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(LiaisonClient.object(created).getJsonArray("members").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)).containsExactlyInAnyOrder(
                java.util.stream.Stream.concat(java.util.stream.Stream.of(owner), java.util.Arrays.stream(members)).toArray(String[]::new));
        return name;
    }

    /** What is kept for {@code username} at b.test, once something is (within {@code seconds}). */
    private static List<JsonObject> awaitKeptAtB(String username, int seconds) {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        List<JsonObject> kept = keptAtB(username);
        while (kept.isEmpty() && System.nanoTime() < end) {
            pause();
            kept = keptAtB(username);
        }
        return kept;
    }

    @Test
    @Order(5)
    void aCopyForAPeerThatNeverAnswersIsGivenUpWhenItsTimeRunsOutAndItsWriterIsTold() {
        // d.test is a peer of liaison.test whose server is never there (a closed port)
        String alice = user("xalice");
        String team = groupOf(alice, "dan@d.test");
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.messageTo(alice, password(alice), team, "groups.liaison.test", "text/plain", utf8("anyone?"),
                    "Expires: 4").getStatusCode()).as("held for d.test, kept no longer than alice asked").isEqualTo(202);
        }
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        List<JsonObject> notices = List.of();
        while (notices.isEmpty() && System.nanoTime() < end) {
            notices = LiaisonClient.array(as(alice).get("api/messages")).stream().map(JsonValue::asJsonObject)
                    .filter(m -> m.getString("from").equals("sip:deferred@liaison.test")).toList();
            if (notices.isEmpty()) {
                pause();
            }
        }
        assertThat(notices).as("alice is told her copy for dan was given up").singleElement()
                .satisfies(n -> assertThat(n.getString("text")).contains("sip:dan@d.test")
                        .contains("group sip:" + team + "@groups.liaison.test").contains("could not be handed to d.test"));
        JsonObject relayed = leg(base, "im.peer-relayed", alice);
        assertThat(relayed.getString("peer")).isEqualTo("d.test");
        assertThat(relayed.getInt("status")).as("the last attempt's status: d.test never answered").isIn(408, 503);
    }

    @Test
    @Order(5)
    void aGroupMessageIsKeptForMembersHereAndHandedToTheOtherDomainForItsMember() {
        String alice = user("xalice");
        String carol = user("xcarol");
        String bob = userAtB("xbob");
        var stranger = as(alice).postJson("api/groups", "{\"name\":\"xnopeer\",\"members\":[\"dan@c.test\"]}");
        assertThat(stranger.statusCode()).as("a member of a domain that is no peer").isEqualTo(400);
        assertThat(stranger.body()).contains("dan@c.test").contains("c.test is no peer domain");
        String team = groupOf(alice, carol, bob + "@" + B);
        byte[] text = utf8("stand-up in 5, both domains");
        try (SipClient aliceClient = SipClient.tcp()) {
            Response answer = aliceClient.messageTo(alice, password(alice), team, "groups.liaison.test", "text/plain;charset=UTF-8",
                    text);
            assertThat(answer.getStatusCode()).as("202 once every copy is committed here").isEqualTo(202);
        }
        assertThat(LiaisonClient.array(as(carol).get("api/messages"))).as("carol's copy, kept here").singleElement()
                .satisfies(m -> assertThat(m.asJsonObject().getString("from"))
                        .isEqualTo("\"" + alice + "\" <sip:" + team + "@groups.liaison.test>"));
        assertThat(awaitKeptAtB(bob, 20)).as("bob's copy, kept by b.test's store").singleElement().satisfies(m -> {
            assertThat(m.getString("from")).as("from the group, written by alice of liaison.test")
                    .isEqualTo("\"" + alice + "@liaison.test\" <sip:" + team + "@groups.liaison.test>");
            assertThat(m.getString("text")).isEqualTo(new String(text, StandardCharsets.UTF_8));
        });
        JsonObject relayed = leg(base, "im.peer-relayed", alice);
        JsonObject received = leg(domainB.base(), "im.peer-received", bob);
        assertThat(received.getString("correlation")).as("one correlation id on both servers")
                .isEqualTo(relayed.getString("correlation"));
        assertThat(relayed.getString("party")).isEqualTo(bob + "@" + B);
        assertThat(relayed.getInt("status")).isEqualTo(202);
        assertThat(received.getString("party")).isEqualTo(alice + "@liaison.test");
    }

    @Test
    @Order(5)
    void aMessageSentToTheGroupOverAnMsrpSessionReachesItsMemberOfTheOtherDomainOnceWhole() throws Exception {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        String team = groupOf(alice, bob + "@" + B);
        String uri = "sip:" + team + "@groups.liaison.test";
        String first = "Minutes of the meeting, part one; ";
        String second = "and part two, for every member.";
        int n = first.length() + second.length();
        try (RawSip sip = new RawSip()) {
            String path = RawSip.invite(sip, alice, uri);
            try (RawMsrp msrp = new RawMsrp(path)) {
                msrp.send("x0group1", path, RawSip.OFFER_PATH, "xgroup01", "1-" + first.length() + "/" + n, "text/plain",
                        utf8(first), '+');
                assertThat(msrp.read()).startsWith("MSRP x0group1 200");
                msrp.send("x0group2", path, RawSip.OFFER_PATH, "xgroup01", (first.length() + 1) + "-" + n + "/" + n,
                        "text/plain", utf8(second), '$', "Success-Report: yes");
                assertThat(msrp.read()).as("answered once the copy for b.test is held").startsWith("MSRP x0group2 200");
                assertThat(msrp.read()).contains(" REPORT\r\n").contains("Status: 000 200");
            }
            sip.write(sip.request("BYE", uri, 3, sip.toTag, List.of(), null, null));
            assertThat(sip.finalResponse()).startsWith("SIP/2.0 200");
        }
        assertThat(awaitKeptAtB(bob, 20)).as("the whole message, kept by b.test's store, from the group").singleElement()
                .satisfies(m -> {
                    assertThat(m.getString("from")).isEqualTo("\"" + alice + "@liaison.test\" <" + uri + ">");
                    assertThat(m.getString("text")).isEqualTo(first + second);
                });
    }

    @Test
    @Order(5)
    void aMessageFromTheWebToTheGroupReachesTheOtherDomainAndOneTooLargeToCrossIsNotSentAndItsWriterTold() {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        String team = groupOf(alice, bob + "@" + B);
        String address = "sip:" + team + "@groups.liaison.test";
        var sent = as(alice).postJson("api/messages", "{\"to\":\"" + address + "\",\"text\":\"from the web\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(awaitKeptAtB(bob, 20)).singleElement().satisfies(m -> {
            assertThat(m.getString("from")).isEqualTo("\"" + alice + "@liaison.test\" <" + address + ">");
            assertThat(m.getString("text")).isEqualTo("from the web");
        });
        String large = "x".repeat(12 * 1024 + 1);
        var tooLarge = as(alice).postJson("api/messages", "{\"to\":\"" + address + "\",\"text\":\"" + large + "\"}");
        assertThat(tooLarge.statusCode()).as("accepted: the group IM server took it").isEqualTo(202);
        assertThat(LiaisonClient.array(as(alice).get("api/messages")).stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("from").equals("sip:deferred@liaison.test")).toList())
                .as("alice is told at once that the copy for b.test is too large to cross").singleElement()
                .satisfies(n -> assertThat(n.getString("text")).contains(bob + "@" + B).contains("larger than a message between servers"));
        assertThat(keptAtB(bob)).as("nothing more reached b.test").hasSize(1);
    }

    @Test
    @Order(6)
    void aGroupCopyForTheOtherDomainWaitsHereWhileItIsDownAndArrivesWhenItIsBack() {
        String alice = user("xalice");
        String bob = userAtB("xbob");
        String team = groupOf(alice, bob + "@" + B);
        byte[] text = utf8("kept for you while your server was away");
        domainB.stop();
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.messageTo(alice, password(alice), team, "groups.liaison.test", "text/plain", text)
                    .getStatusCode()).as("the group IM server committed the copy for b.test: 202 with b.test down").isEqualTo(202);
        } finally {
            domainB.start();
        }
        assertThat(awaitKeptAtB(bob, 60)).as("the copy waited in liaison.test's outbox and reached b.test once it was back")
                .singleElement().satisfies(m -> {
                    assertThat(m.getString("from")).contains("sip:" + team + "@groups.liaison.test").contains(alice + "@liaison.test");
                    assertThat(m.getString("text")).isEqualTo(new String(text, StandardCharsets.UTF_8));
                });
        JsonObject relayed = leg(base, "im.peer-relayed", alice);
        assertThat(relayed.getInt("status")).as("the leg ends with b.test's 202, after the attempts it missed").isEqualTo(202);
        assertThat(leg(domainB.base(), "im.peer-received", bob).getString("correlation"))
                .isEqualTo(relayed.getString("correlation"));
    }

    @Test
    @Order(7)
    void aMessageToADomainWithoutARouteIsRefusedAndOneToAPeerThatIsDownIsATimeOut() {
        String alice = user("xalice");
        try (SipClient aliceClient = SipClient.tcp()) {
            Response noRoute = aliceClient.messageTo(alice, password(alice), "carol", "c.test", "text/plain", utf8("hi"));
            assertThat(noRoute.getStatusCode()).isEqualTo(403);
            assertThat(noRoute.getReasonPhrase()).isEqualTo("No relay to c.test");
            domainB.stop();
            Response down = aliceClient.messageTo(alice, password(alice), "bob", B, "text/plain", utf8("anyone?"));
            assertThat(down.getStatusCode()).as("b.test is down: nothing was kept, the client may send again").isEqualTo(504);
            assertThat(down.getReasonPhrase()).isEqualTo("b.test did not answer");
        }
    }
}

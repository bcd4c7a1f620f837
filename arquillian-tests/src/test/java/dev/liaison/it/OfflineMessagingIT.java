package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.liaison.it.LiaisonClient.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pager-mode instant messages (RFC 3428) through the IM server and the offline store, over real
 * SIP: a MESSAGE to a user who is not registered is kept and answered {@code 202} once stored, and
 * reaches the contact that registers next, in order, with its sender, content type and body
 * exactly as sent; a MESSAGE to a registered user is relayed to each contact; a contact that
 * refuses leaves it kept; a full store says so. The server runs with a quota of 20 messages per
 * user (arquillian.xml).
 */
class OfflineMessagingIT extends LiaisonIT {

    private static final String TEXT = "text/plain;charset=UTF-8";
    private static final String CPIM = "message/cpim";

    private List<JsonObject> kept(String username) {
        HttpResponse<String> response = as(username).get("api/messages");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return array(response).stream().map(JsonValue::asJsonObject).toList();
    }

    /** Waits until nothing is kept for {@code username} any more. */
    private void awaitNothingKept(String username) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!kept(username).isEmpty()) {
            assertThat(System.nanoTime()).as("messages still kept for " + username).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cpim(String from, String to, String text) {
        return "From: <sip:" + from + "@liaison.test>\r\nTo: <sip:" + to + "@liaison.test>\r\n"
                + "DateTime: 2026-12-03T10:00:00Z\r\n\r\nContent-Type: text/plain;charset=UTF-8\r\n\r\n" + text;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageToAnOfflineUserIsKeptAndReachesTheContactThatRegistersInOrderByteForByte() {
        String alice = user("imalice");
        String bob = user("imbob");
        byte[] first = utf8("Grüße, Bob — ☕ at 10?");
        byte[] second = utf8(cpim(alice, bob, "Second, in CPIM\r\nwith two lines"));
        try (SipClient aliceClient = SipClient.udp(); SipClient bobClient = SipClient.tcp()) {
            Response one = aliceClient.message(alice, password(alice), bob, TEXT, first);
            assertThat(one.getStatusCode()).as(one.toString()).isEqualTo(202);
            Response two = aliceClient.message(alice, password(alice), bob, CPIM, second);
            assertThat(two.getStatusCode()).as(two.toString()).isEqualTo(202);

            List<JsonObject> waiting = kept(bob);
            assertThat(waiting).extracting(m -> m.getString("contentType")).containsExactly(TEXT, CPIM);
            assertThat(Base64.getDecoder().decode(waiting.get(0).getString("body"))).isEqualTo(first);
            assertThat(waiting.get(0).getString("from")).contains("sip:" + alice + "@liaison.test");

            Response registered = bobClient.registerWithDigest(bob, password(bob), "SHA-256",
                    "Contact: <" + bobClient.contact("") + ">", "Expires: 600");
            assertThat(registered.getStatusCode()).isEqualTo(200);

            List<Request> delivered = bobClient.awaitMessages(2, 10);
            assertThat(delivered.get(0).getRawContent()).isEqualTo(first);
            assertThat(delivered.get(1).getRawContent()).isEqualTo(second);
            assertThat(SipClient.header(delivered.get(0), "Content-Type")).isEqualToIgnoringWhitespace(TEXT);
            assertThat(SipClient.header(delivered.get(1), "Content-Type")).isEqualToIgnoringWhitespace(CPIM);
            for (Request message : delivered) {
                assertThat(((FromHeader) message.getHeader(FromHeader.NAME)).getAddress().getURI().toString())
                        .isEqualTo("sip:" + alice + "@liaison.test");
                assertThat(message.getHeader("Date")).as("the time it was sent").isNotNull();
                assertThat(message.getRequestURI().toString()).startsWith(bobClient.contact(""));
            }
            // each is forgotten once the client's 200 came, and never sent again
            awaitNothingKept(bob);
            Response again = bobClient.registerWithDigest(bob, password(bob), "SHA-256",
                    "Contact: <" + bobClient.contact("") + ">", "Expires: 600");
            assertThat(again.getStatusCode()).isEqualTo(200);
            Response later = aliceClient.message(alice, password(alice), bob, TEXT, utf8("third"));
            assertThat(later.getStatusCode()).isBetween(200, 202);
            List<Request> all = bobClient.awaitMessages(3, 10);
            assertThat(all.get(2).getRawContent()).isEqualTo(utf8("third"));
            assertThat(all).hasSize(3);
        }
    }

    /** Waits until something is kept for {@code username} that {@code wanted} accepts, and returns it. */
    private JsonObject awaitKept(String username, java.util.function.Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            for (JsonObject message : kept(username)) {
                if (wanted.test(message)) {
                    return message;
                }
            }
            assertThat(System.nanoTime()).as("a wanted message kept for " + username + ": " + kept(username)).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aSenderWhoAskedIsToldByImdnWhenTheKeptMessageWasDelivered() {
        String alice = user("imalice");
        String bob = user("imbob");
        String body = "From: <sip:" + alice + "@liaison.test>\r\nTo: <sip:" + bob + "@liaison.test>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: m-4711\r\nDateTime: 2026-12-03T10:00:00Z\r\n"
                + "imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\nDid you get it?";
        try (SipClient aliceClient = SipClient.udp(); SipClient bobClient = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, CPIM, utf8(body)).getStatusCode()).isEqualTo(202);
            assertThat(kept(alice)).isEmpty();
            assertThat(bobClient.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobClient.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(bobClient.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8(body));

            JsonObject notice = awaitKept(alice, m -> m.getString("from").contains("sip:" + bob + "@liaison.test"));
            assertThat(notice.getString("contentType")).isEqualTo("message/cpim");
            assertThat(notice.getString("text")).contains("Content-Type: message/imdn+xml")
                    .contains("<message-id>m-4711</message-id>").contains("<delivered/>");
        }
    }

    @Test
    void aMessageThatExpiresUndeliveredIsForgottenAndItsSenderTold() {
        String alice = user("imalice");
        String carol = user("imcarol");
        try (SipClient aliceClient = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), carol, TEXT, utf8("only for two seconds"), "Expires: 2")
                    .getStatusCode()).isEqualTo(202);
            JsonObject notice = awaitKept(alice, m -> m.getString("from").equals("sip:deferred@liaison.test"));
            assertThat(notice.getString("text")).contains("sip:" + carol + "@liaison.test").contains("expired");
            assertThat(kept(carol)).isEmpty();
        }
    }

    @Test
    void aMessageSummarySubscriberIsToldWhatWaitsAndWhenItWasDelivered() {
        String alice = user("imalice");
        String bob = user("imbob");
        try (SipClient aliceClient = SipClient.udp(); SipClient bobClient = SipClient.udp()) {
            SipClient.Subscription mwi = bobClient.subscription(bob, password(bob), bob, "message-summary",
                    "application/simple-message-summary");
            assertThat(mwi.subscribe(600).getStatusCode()).isEqualTo(200);
            Request first = mwi.awaitNotify(0, n -> true, 10);
            assertThat(SipClient.header(first, "Content-Type")).isEqualTo("application/simple-message-summary");
            assertThat(SipClient.body(first)).contains("Messages-Waiting: no").contains("Message-Account: sip:" + bob + "@liaison.test");

            assertThat(aliceClient.message(alice, password(alice), bob, TEXT, utf8("call me")).getStatusCode()).isEqualTo(202);
            mwi.awaitNotify(1, n -> SipClient.body(n).contains("Messages-Waiting: yes")
                    && SipClient.body(n).contains("Text-Message: 1/0"), 10);

            assertThat(bobClient.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobClient.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(bobClient.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8("call me"));
            int seen = mwi.notifies().size();
            mwi.awaitNotify(seen - 1, n -> SipClient.body(n).contains("Messages-Waiting: no"), 10);
        }
    }

    @Test
    void anotherUsersMessageSummaryIsNotTheirs() {
        String alice = user("imalice");
        String bob = user("imbob");
        try (SipClient client = SipClient.udp()) {
            assertThat(client.subscription(alice, password(alice), bob, "message-summary", null).subscribe(600).getStatusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void aMessageToARegisteredUserIsRelayedToEachContactAndNothingIsKept() {
        String alice = user("imalice");
        String bob = user("imbob");
        try (SipClient aliceClient = SipClient.udp(); SipClient phone = SipClient.udp(); SipClient desk = SipClient.tcp()) {
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(desk.registerWithDigest(bob, password(bob), "MD5", "Contact: <" + desk.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            Response answer = aliceClient.message(alice, password(alice), bob, TEXT, utf8("are you there?"));
            // alice may not see bob's presence: "delivered" and "kept" get the same answer
            assertThat(answer.getStatusCode()).isEqualTo(202);
            assertThat(phone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8("are you there?"));
            assertThat(desk.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8("are you there?"));
            assertThat(kept(bob)).isEmpty();
        }
    }

    @Test
    void aSenderWhoMaySeeThePresenceLearnsTheMessageWasDelivered() {
        String alice = user("imalice");
        String bob = user("imbob");
        homeProfileAuthorising(bob, alice);
        try (SipClient aliceClient = SipClient.udp(); SipClient phone = SipClient.udp()) {
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(aliceClient.message(alice, password(alice), bob, TEXT, utf8("hi")).getStatusCode()).isEqualTo(200);
            assertThat(phone.awaitMessages(1, 10)).hasSize(1);
        }
    }

    @Test
    void aContactThatRefusesLeavesTheMessageKeptForTheNextRegistration() {
        String alice = user("imalice");
        String bob = user("imbob");
        try (SipClient aliceClient = SipClient.udp(); SipClient phone = SipClient.udp()) {
            phone.answerMessagesWith(480);
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(aliceClient.message(alice, password(alice), bob, TEXT, utf8("kept?")).getStatusCode()).isEqualTo(202);
            assertThat(kept(bob)).hasSize(1);

            phone.answerMessagesWith(200);
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            List<Request> received = phone.awaitMessages(2, 10);
            assertThat(received.get(1).getRawContent()).isEqualTo(utf8("kept?"));
            assertThat(((CallIdHeader) received.get(1).getHeader(CallIdHeader.NAME)).getCallId()).startsWith("liaison-stored-");
            awaitNothingKept(bob);
        }
    }

    @Test
    void aMessageTheClientCannotTakeStaysKeptAndDoesNotHoldBackTheOthers() {
        String alice = user("imalice");
        String bob = user("imbob");
        try (SipClient aliceClient = SipClient.udp(); SipClient phone = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, CPIM, utf8(cpim(alice, bob, "in CPIM"))).getStatusCode())
                    .isEqualTo(202);
            assertThat(aliceClient.message(alice, password(alice), bob, TEXT, utf8("plain after it")).getStatusCode())
                    .isEqualTo(202);
            phone.refuseMessagesOfType("message/cpim");
            assertThat(phone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(phone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8("plain after it"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (kept(bob).size() != 1) {
                assertThat(System.nanoTime()).as("only the refused message stays kept").isLessThan(deadline);
                pause();
            }
            assertThat(kept(bob)).singleElement().satisfies(m -> assertThat(m.getString("contentType")).isEqualTo(CPIM));
        }
    }

    @Test
    void aFullStoreRefusesWithAClearAnswerAndKeepsWhatItHad() {
        String alice = user("imalice");
        String carol = user("imcarol");
        try (SipClient aliceClient = SipClient.tcp()) {
            for (int i = 1; i <= 20; i++) {
                assertThat(aliceClient.message(alice, password(alice), carol, TEXT, utf8("note " + i)).getStatusCode())
                        .as("message " + i).isEqualTo(202);
            }
            Response full = aliceClient.message(alice, password(alice), carol, TEXT, utf8("one too many"));
            assertThat(full.getStatusCode()).isEqualTo(480);
            assertThat(full.getReasonPhrase()).isEqualTo("Offline message store full");
            assertThat(kept(carol)).hasSize(20).extracting(m -> m.getString("text")).startsWith("note 1", "note 2");
        }
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAnOfflineOneAndOtherDomainsAreNotRelayed() throws Exception {
        String alice = user("imalice");
        String nobody = "nobody" + UUID.randomUUID().toString().substring(0, 8);
        try (SipClient aliceClient = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), nobody, TEXT, utf8("hello?")).getStatusCode()).isEqualTo(202);

            Request elsewhere = aliceClient.messageRequest(alice, "bob", TEXT, utf8("relay me"), UUID.randomUUID() + "@x", 1);
            ((javax.sip.address.SipURI) elsewhere.getRequestURI()).setHost("elsewhere.example");
            assertThat(aliceClient.send(elsewhere).getStatusCode()).isEqualTo(403);

            Request empty = aliceClient.messageRequest(alice, "bob", TEXT, null, UUID.randomUUID() + "@x", 1);
            assertThat(aliceClient.send(empty).getStatusCode()).isEqualTo(400);
        }
    }

    @Test
    void aSenderCannotPretendToBeSomeoneElse() {
        String alice = user("imalice");
        String mallory = user("immallory");
        String bob = user("imbob");
        try (SipClient client = SipClient.udp()) {
            String callId = UUID.randomUUID() + "@x";
            Response challenge = client.send(client.messageRequest(alice, bob, TEXT, utf8("I am alice"), callId, 1));
            assertThat(challenge.getStatusCode()).isEqualTo(401);
            var sha = SipClient.challengeFor(challenge, "SHA-256");
            Response spoofed = client.send(client.messageRequest(alice, bob, TEXT, utf8("I am alice"), callId, 2,
                    "Authorization: " + SipClient.authorization(Request.MESSAGE, "sip:" + bob + "@liaison.test", sha.getNonce(),
                            sha.getRealm(), "SHA-256", mallory, password(mallory), 1)));
            assertThat(spoofed.getStatusCode()).isEqualTo(403);
            assertThat(kept(bob)).isEmpty();
        }
    }
}

package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.address.Address;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/messages}: a web user sends an instant message, under the rules of a SIP
 * MESSAGE. It is kept once committed ({@code 202}) and reaches the recipient's SIP client as a
 * MESSAGE from the sender's SIP address with the body byte for byte: at once when the recipient is
 * registered, on registration otherwise; a group's members each get it; bad input, another domain
 * and a full store are refused with a problem body. The server runs with a quota of 20 messages
 * per user (arquillian.xml).
 */
class RestMessagingIT extends LiaisonIT {

    private static final String TEXT = "text/plain;charset=UTF-8";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<JsonObject> kept(String username) {
        HttpResponse<String> response = as(username).get("api/messages");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return array(response).stream().map(JsonValue::asJsonObject).toList();
    }

    private HttpResponse<String> send(String sender, String body) {
        return as(sender).postJson("api/messages", body);
    }

    private static Address from(Request message) {
        return ((FromHeader) message.getHeader(FromHeader.NAME)).getAddress();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = object(response);
        assertThat(problem.getInt("status")).isEqualTo(status);
        if (field != null) {
            assertThat(problem.getJsonArray("violations").stream().map(v -> v.asJsonObject().getString("field")))
                    .as(response.body()).contains(field);
        }
    }

    @Test
    void aMessageToAnOfflineUserReachesTheContactThatRegistersFromTheSendersAddressByteForByte() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        String text = "Grüße, Bob — ☕ at 10? \"quoted\"";
        byte[] binary = {0, 1, 2, (byte) 0xfe, (byte) 0xff, '\r', '\n', 'x'};

        HttpResponse<String> sent = send(alice, "{\"to\":" + json(bob) + ",\"text\":" + json(text) + "}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(object(sent).getString("to")).isEqualTo("sip:" + bob + "@liaison.test");
        HttpResponse<String> second = send(alice, "{\"to\":\"sip:" + bob + "@liaison.test\",\"contentType\":\"application/octet-stream\","
                + "\"body\":\"" + Base64.getEncoder().encodeToString(binary) + "\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(kept(bob)).extracting(m -> m.getString("from")).containsExactly("sip:" + alice + "@liaison.test",
                "sip:" + alice + "@liaison.test");

        try (SipClient bobPhone = SipClient.tcp()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            List<Request> received = bobPhone.awaitMessages(2, 10);
            assertThat(received.get(0).getRawContent()).isEqualTo(utf8(text));
            assertThat(SipClient.header(received.get(0), "Content-Type")).isEqualToIgnoringWhitespace(TEXT);
            assertThat(received.get(1).getRawContent()).isEqualTo(binary);
            assertThat(SipClient.header(received.get(1), "Content-Type")).isEqualTo("application/octet-stream");
            for (Request message : received) {
                assertThat(from(message).getURI().toString()).isEqualTo("sip:" + alice + "@liaison.test");
            }
        }
    }

    @Test
    void aMessageToARegisteredUserReachesTheirContactWithoutAnotherRegistration() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        try (SipClient bobPhone = SipClient.udp()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            HttpResponse<String> sent = send(alice, "{\"to\":\"" + bob + "@liaison.test\",\"text\":\"are you there?\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

            Request received = bobPhone.awaitMessages(1, 10).get(0);
            assertThat(received.getRawContent()).isEqualTo(utf8("are you there?"));
            assertThat(from(received).getURI().toString()).isEqualTo("sip:" + alice + "@liaison.test");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!kept(bob).isEmpty()) {
                assertThat(System.nanoTime()).as("forgotten once the contact took it").isLessThan(deadline);
                pause();
            }
            assertThat(bobPhone.messages()).hasSize(1);
        }
    }

    @Test
    void anAdministratorSendsForAUserWhoIsThenTheSender() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        HttpResponse<String> sent = LiaisonClient.as(base, "admin", "admin").postJson("api/messages?user=" + alice,
                "{\"to\":" + json(bob) + ",\"text\":\"from alice's desk\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(kept(bob)).singleElement().satisfies(m -> assertThat(m.getString("from"))
                .isEqualTo("sip:" + alice + "@liaison.test"));
        assertThat(as(bob).postJson("api/messages?user=" + alice, "{\"to\":" + json(bob) + ",\"text\":\"spoof\"}").statusCode())
                .as("only an administrator acts for someone else").isEqualTo(403);
    }

    @Test
    void aMessageToAGroupReachesEveryOtherMemberAndOnlyMembersMaySend() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        String carol = user("rscarol");
        String mallory = user("rsmallory");
        String name = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = as(alice).postJson("api/groups",
                "{\"name\":\"" + name + "\",\"members\":[" + json(bob) + "," + json(carol) + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uri = object(created).getString("uri");

        try (SipClient bobPhone = SipClient.udp(); SipClient carolPhone = SipClient.tcp()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            HttpResponse<String> sent = send(alice, "{\"to\":\"" + uri + "\",\"text\":\"stand-up in 5\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            assertThat(object(sent).getString("to")).isEqualTo(uri);

            Request atBob = bobPhone.awaitMessages(1, 10).get(0);
            assertThat(atBob.getRawContent()).isEqualTo(utf8("stand-up in 5"));
            assertThat(from(atBob).getURI().toString()).isEqualTo(uri);
            assertThat(from(atBob).getDisplayName()).isEqualTo(alice);
            assertThat(kept(alice)).as("the sender gets no copy").isEmpty();

            assertThat(carolPhone.registerWithDigest(carol, password(carol), "SHA-256", "Contact: <" + carolPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            Request atCarol = carolPhone.awaitMessages(1, 10).get(0);
            assertThat(atCarol.getRawContent()).isEqualTo(utf8("stand-up in 5"));
            assertThat(from(atCarol).getURI().toString()).isEqualTo(uri);

            // a non-member does not see the group, as GET /api/groups/{name} answers them
            assertProblem(send(mallory, "{\"to\":\"" + uri + "\",\"text\":\"let me in\"}"), 404, null);
            assertProblem(send(mallory, "{\"to\":\"sip:no-" + name + "@groups.liaison.test\",\"text\":\"hello?\"}"), 404, null);
            assertThat(bobPhone.messages()).hasSize(1);
            assertThat(kept(bob)).isEmpty();
        }
    }

    @Test
    void badInputAndOtherDomainsAreRefusedWithAProblem() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        assertProblem(send(alice, "{\"text\":\"to whom?\"}"), 400, "to");
        assertProblem(send(alice, "{\"to\":" + json(bob) + "}"), 400, "text");
        assertProblem(send(alice, "{\"to\":" + json(bob) + ",\"text\":\"\"}"), 400, "text");
        assertProblem(send(alice, "{\"to\":" + json(bob) + ",\"contentType\":\"application/octet-stream\",\"body\":\"not base64!\"}"),
                400, "body");
        assertProblem(send(alice, "{\"to\":" + json(bob) + ",\"contentType\":\"text/plain\\r\\nX-Injected: yes\",\"text\":\"hi\"}"),
                400, "contentType");
        assertProblem(send(alice, "{\"to\":\"sip:" + bob + "@elsewhere.example\",\"text\":\"relay me\"}"), 400, "to");
        assertProblem(send(alice, "{\"to\":\"" + bob + "@elsewhere.example\",\"text\":\"relay me\"}"), 400, "to");
        assertProblem(send(alice, "{\"to\":\"tel:+33102030405\",\"text\":\"relay me\"}"), 400, "to");
        assertProblem(send(alice, "not json"), 400, null);
        assertThat(kept(bob)).isEmpty();
    }

    @Test
    void aRequestSentAgainWithTheSameIdempotencyKeyIsKeptOnce() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        String body = "{\"to\":" + json(bob) + ",\"text\":\"once only\"}";
        String key = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpResponse<String> sent = as(alice).post("api/messages", "application/json", body, "Idempotency-Key", key);
            assertThat(sent.statusCode()).as("attempt " + attempt + ": " + sent.body()).isEqualTo(202);
        }
        HttpResponse<String> other = as(alice).post("api/messages", "application/json", body, "Idempotency-Key", key + "-2");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
        assertThat(kept(bob)).extracting(m -> m.getString("text")).containsExactly("once only", "once only");
        assertProblem(as(alice).post("api/messages", "application/json", body, "Idempotency-Key", "with space"), 400,
                "Idempotency-Key");
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAnOfflineOne() {
        String alice = user("rsalice");
        String bob = user("rsbob");
        String nobody = "nobody" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> offline = send(alice, "{\"to\":" + json(bob) + ",\"text\":\"hello?\"}");
        HttpResponse<String> unknown = send(alice, "{\"to\":" + json(nobody) + ",\"text\":\"hello?\"}");
        assertThat(unknown.statusCode()).isEqualTo(offline.statusCode()).isEqualTo(202);
        assertThat(object(unknown).keySet()).isEqualTo(object(offline).keySet());
        assertThat(unknown.headers().firstValue("Location")).isEqualTo(offline.headers().firstValue("Location"));
        assertThat(object(unknown).getString("to")).isEqualTo("sip:" + nobody + "@liaison.test");
    }

    @Test
    void aFullStoreRefusesWithTheReasonSipGivesAndKeepsWhatItHad() {
        String alice = user("rsalice");
        String carol = user("rscarol");
        for (int i = 1; i <= 20; i++) {
            HttpResponse<String> sent = send(alice, "{\"to\":" + json(carol) + ",\"text\":\"note " + i + "\"}");
            assertThat(sent.statusCode()).as("message " + i + ": " + sent.body()).isEqualTo(202);
        }
        HttpResponse<String> full = send(alice, "{\"to\":" + json(carol) + ",\"text\":\"one too many\"}");
        assertProblem(full, 409, null);
        assertThat(object(full).getString("title")).isEqualTo("Offline message store full");
        assertThat(object(full).getString("type")).isEqualTo("urn:liaison:problem:store-full");
        assertThat(kept(carol)).hasSize(20).extracting(m -> m.getString("text")).startsWith("note 1", "note 2")
                .doesNotContain("one too many");
    }
}

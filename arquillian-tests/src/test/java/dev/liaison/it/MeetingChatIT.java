package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.address.Address;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting's chat room is an IM group: a message to {@code sip:meeting-<id>@groups.liaison.test}
 * from one of the meeting's participants, over SIP or REST, reaches every other participant (at
 * once when registered, on registration otherwise); anyone else may not send to it, nor once the
 * meeting is over; no group may take such a name.
 */
class MeetingChatIT extends LiaisonIT {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<JsonObject> kept(String username) {
        HttpResponse<String> response = as(username).get("api/messages");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return array(response).stream().map(JsonValue::asJsonObject).toList();
    }

    private static Address from(Request message) {
        return ((FromHeader) message.getHeader(FromHeader.NAME)).getAddress();
    }

    /** A chat meeting {@code organiser} holds now with {@code participants}; returns its id. */
    private String meeting(String organiser, String... participants) {
        StringBuilder list = new StringBuilder();
        for (String p : participants) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(p).append('"');
        }
        HttpResponse<String> created = as(organiser).postJson("api/sessions",
                "{\"type\":\"chat\",\"title\":\"Chat room\",\"durationMinutes\":30,\"participants\":[" + list + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getString("id");
    }

    @Test
    void aParticipantsMessageReachesEveryOtherParticipantOverSipAndRest() {
        String alice = user("mcalice");
        String bob = user("mcbob");
        String carol = user("mccarol");
        String id = meeting(alice, bob, carol);
        String room = "sip:meeting-" + id + "@groups.liaison.test";

        try (SipClient aliceClient = SipClient.udp(); SipClient bobPhone = SipClient.udp(); SipClient carolPhone = SipClient.tcp()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            Response sent = aliceClient.messageTo(alice, password(alice), "meeting-" + id, "groups.liaison.test", "text/plain",
                    utf8("agenda: roadmap"));
            assertThat(sent.getStatusCode()).as(sent.toString()).isEqualTo(202);

            Request atBob = bobPhone.awaitMessages(1, 10).get(0);
            assertThat(atBob.getRawContent()).isEqualTo(utf8("agenda: roadmap"));
            assertThat(from(atBob).getURI().toString()).isEqualTo(room);
            assertThat(from(atBob).getDisplayName()).isEqualTo(alice);
            assertThat(kept(alice)).as("the sender gets no copy").isEmpty();

            assertThat(carolPhone.registerWithDigest(carol, password(carol), "SHA-256", "Contact: <" + carolPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(carolPhone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8("agenda: roadmap"));

            // carol answers the room from the web: bob gets it at once, alice (not registered) finds it kept
            HttpResponse<String> answer = as(carol).postJson("api/messages", "{\"to\":\"" + room + "\",\"text\":\"+1\"}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            Request second = bobPhone.awaitMessages(2, 10).get(1);
            assertThat(second.getRawContent()).isEqualTo(utf8("+1"));
            assertThat(from(second).getDisplayName()).isEqualTo(carol);
            assertThat(kept(alice)).singleElement().satisfies(m -> {
                assertThat(m.getString("text")).isEqualTo("+1");
                assertThat(m.getString("from")).contains(room);
            });
            assertThat(carolPhone.messages()).hasSize(1);
        }
    }

    @Test
    void onlyParticipantsSendAndOnlyWhileTheMeetingIsNotOver() {
        String alice = user("mcalice");
        String bob = user("mcbob");
        String mallory = user("mcmallory");
        String id = meeting(alice, bob);
        String room = "sip:meeting-" + id + "@groups.liaison.test";
        try (SipClient client = SipClient.udp()) {
            Response refused = client.messageTo(mallory, password(mallory), "meeting-" + id, "groups.liaison.test", "text/plain",
                    utf8("let me in"));
            assertThat(refused.getStatusCode()).isEqualTo(403);
            assertThat(refused.getReasonPhrase()).isEqualTo("Not a member of this group");
            assertThat(as(mallory).postJson("api/messages", "{\"to\":\"" + room + "\",\"text\":\"let me in\"}").statusCode())
                    .isEqualTo(404);
            assertThat(kept(bob)).isEmpty();

            assertThat(as(alice).delete("api/sessions/" + id).statusCode()).isEqualTo(204);
            Response over = client.messageTo(alice, password(alice), "meeting-" + id, "groups.liaison.test", "text/plain",
                    utf8("anyone still here?"));
            assertThat(over.getStatusCode()).isEqualTo(403);
            assertThat(as(alice).postJson("api/messages", "{\"to\":\"" + room + "\",\"text\":\"anyone?\"}").statusCode())
                    .isEqualTo(404);
            assertThat(kept(bob)).isEmpty();
        }
        HttpResponse<String> taken = as(alice).postJson("api/groups", "{\"name\":\"meeting-x" + alice + "\",\"members\":[]}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(400);
        assertThat(taken.body()).contains("meeting-");
    }
}

package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group IM server (seed 004, Figs 3 and 4, pager mode): a message to a group's address
 * reaches every member but its sender, at once for members who are registered and kept for those
 * who are not; members see who wrote and can answer the group; only members may send, only the
 * owner may change the group.
 */
class GroupMessagingIT extends LiaisonIT {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<JsonObject> kept(String username) {
        return array(as(username).get("api/messages")).stream().map(JsonValue::asJsonObject).toList();
    }

    private JsonObject group(String owner, String name, String... members) {
        StringBuilder list = new StringBuilder();
        for (String m : members) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(m).append('"');
        }
        HttpResponse<String> created = as(owner).postJson("api/groups", "{\"name\":\"" + name + "\",\"members\":[" + list + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created);
    }

    @Test
    void aMessageToAGroupReachesTheRegisteredMembersAtOnceAndIsKeptForTheOthers() {
        String alice = user("gralice");
        String bob = user("grbob");
        String carol = user("grcarol");
        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject team = group(alice, name, bob, carol);
        assertThat(team.getString("uri")).isEqualTo("sip:" + name + "@groups.liaison.test");
        assertThat(team.getJsonArray("members").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly(alice, bob, carol);

        try (SipClient aliceClient = SipClient.udp(); SipClient bobPhone = SipClient.udp(); SipClient carolPhone = SipClient.tcp()) {
            assertThat(bobPhone.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(aliceClient.messageTo(alice, password(alice), name, "groups.liaison.test", "text/plain",
                    utf8("stand-up in 5")).getStatusCode()).isEqualTo(202);

            Request atBob = bobPhone.awaitMessages(1, 10).get(0);
            assertThat(atBob.getRawContent()).isEqualTo(utf8("stand-up in 5"));
            var from = ((FromHeader) atBob.getHeader(FromHeader.NAME)).getAddress();
            assertThat(from.getURI().toString()).isEqualTo("sip:" + name + "@groups.liaison.test");
            assertThat(from.getDisplayName()).isEqualTo(alice);
            assertThat(kept(alice)).as("the sender gets no copy").isEmpty();
            assertThat(kept(carol)).singleElement().satisfies(m -> assertThat(m.getString("text")).isEqualTo("stand-up in 5"));

            assertThat(carolPhone.registerWithDigest(carol, password(carol), "SHA-256", "Contact: <" + carolPhone.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            assertThat(carolPhone.awaitMessages(1, 10).get(0).getRawContent()).isEqualTo(utf8("stand-up in 5"));
        }
    }

    @Test
    void onlyMembersSendToAGroupAndOnlyItsOwnerChangesIt() {
        String alice = user("gralice");
        String bob = user("grbob");
        String mallory = user("grmallory");
        String name = "club-" + UUID.randomUUID().toString().substring(0, 8);
        group(alice, name, bob);
        assertThat(as(mallory).get("api/groups/" + name).statusCode()).isEqualTo(404);
        assertThat(as(bob).putJson("api/groups/" + name + "/members", "[\"" + bob + "\",\"" + mallory + "\"]").statusCode())
                .isEqualTo(403);
        assertThat(as(alice).postJson("api/groups", "{\"name\":\"" + name + "\",\"members\":[]}").statusCode()).isEqualTo(409);
        HttpResponse<String> unknown = as(alice).postJson("api/groups", "{\"name\":\"x" + name + "\",\"members\":[\"nobody-here\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("nobody-here");
        try (SipClient client = SipClient.udp()) {
            Response refused = client.messageTo(mallory, password(mallory), name, "groups.liaison.test", "text/plain",
                    utf8("let me in"));
            assertThat(refused.getStatusCode()).isEqualTo(403);
            assertThat(refused.getReasonPhrase()).isEqualTo("Not a member of this group");
        }
        assertThat(kept(bob)).isEmpty();
    }
}

package dev.liaison.it;

import dev.liaison.it.Mailboxes.Mail;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collaboration spaces behind the join links: participants connect over a real WebSocket
 * with the credential of their invitation, and see each other's strokes and messages.
 */
class SpaceIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration FRAME = Duration.ofSeconds(10);

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    /** Creates a session over REST and returns its id; the invitations carry the credentials. */
    private String session(String type, String organiser, String... guests) {
        String participants = guests.length == 0 ? "" : "\"" + String.join("\",\"", guests) + "\"";
        HttpResponse<String> created = LiaisonClient.as(base, organiser, "password-" + organiser).postJson("api/sessions",
                "{\"type\":\"" + type + "\",\"title\":\"Space " + Names.unique("t") + "\",\"durationMinutes\":30,"
                        + "\"participants\":[" + participants + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getString("id");
    }

    private static String link(String username, String sessionId) {
        Mail invitation = Mailboxes.await(username + "@example.com",
                m -> sessionId.equals(m.session()) && m.subject().startsWith("Invitation"), 1, WAIT).get(0);
        return invitation.joinLink();
    }

    private static boolean strokeBy(JsonObject frame, String author) {
        return "stroke".equals(frame.getString("type", "")) && frame.getString("author").equals("Test " + author);
    }

    @Test
    void participantsSeeEachOthersStrokesAndMessagesAndLateJoinersSeeTheBoard() {
        String ann = user("ann");
        String ben = user("ben");
        String cat = user("cat");
        String id = session("whiteboard", ann, ben, cat);

        try (SpaceClient annSpace = SpaceClient.enter(base, link(ann, id));
             SpaceClient benSpace = SpaceClient.enter(base, link(ben, id))) {
            JsonObject welcome = annSpace.await("welcome", FRAME);
            assertThat(welcome.getString("sessionType")).isEqualTo("whiteboard");
            assertThat(welcome.getString("you")).isEqualTo("Test " + ann);
            assertThat(welcome.getJsonArray("history")).isEmpty();
            benSpace.await("welcome", FRAME);
            annSpace.await(f -> "presence".equals(f.getString("type")) && f.getJsonArray("present").size() == 2, FRAME);

            annSpace.send("{\"type\":\"stroke\",\"points\":[[0.1,0.1],[0.5,0.5]],\"color\":\"#FF0000\",\"width\":4}");
            JsonObject seenByBen = benSpace.await(f -> strokeBy(f, ann), FRAME);
            assertThat(seenByBen.getJsonArray("points").toString()).isEqualTo("[[0.1,0.1],[0.5,0.5]]");
            assertThat(seenByBen.getString("color")).isEqualTo("#ff0000");
            assertThat(seenByBen.getInt("width")).isEqualTo(4);
            annSpace.await(f -> strokeBy(f, ann), FRAME);

            benSpace.send("{\"type\":\"message\",\"text\":\"Looks good\"}");
            JsonObject message = annSpace.await("message", FRAME);
            assertThat(message.getString("text")).isEqualTo("Looks good");
            assertThat(message.getString("author")).isEqualTo("Test " + ben);

            try (SpaceClient late = SpaceClient.enter(base, link(cat, id))) {
                List<JsonObject> history = late.await("welcome", FRAME).getJsonArray("history").getValuesAs(JsonObject.class);
                assertThat(history).extracting(f -> f.getString("type")).containsExactly("stroke", "message");
                assertThat(history.get(0).getString("author")).isEqualTo("Test " + ann);
                assertThat(late.await("welcome", FRAME).getJsonArray("present").getValuesAs(jakarta.json.JsonString.class))
                        .extracting(jakarta.json.JsonString::getString).contains("Test " + ann, "Test " + ben, "Test " + cat);

                benSpace.send("{\"type\":\"clear\"}");
                annSpace.await("clear", FRAME);
                late.await("clear", FRAME);
            }
            try (SpaceClient again = SpaceClient.enter(base, link(cat, id))) {
                assertThat(again.await("welcome", FRAME).getJsonArray("history").getValuesAs(JsonObject.class))
                        .as("a wiped board is empty for those who come later").extracting(f -> f.getString("type"))
                        .containsExactly("clear");
            }
        }
    }

    @Test
    void badRequestsAreAnsweredWithAReasonAndTheConnectionStays() {
        String ann = user("bad");
        String ben = user("badguest");
        String id = session("chat", ann, ben);

        try (SpaceClient space = SpaceClient.enter(base, link(ann, id))) {
            space.await("welcome", FRAME);
            space.send("{\"type\":\"stroke\",\"points\":[[0.2,0.2]]}");
            assertThat(space.await("error", FRAME).getString("reason")).contains("chat session has no board");
            space.send("{\"type\":\"stroke\",\"points\":[[2,2]]}");
            assertThat(space.await(f -> f.getString("reason", "").contains("from 0 to 1"), FRAME)).isNotNull();
            space.send("{\"type\":\"message\",\"text\":\"still here\"}");
            assertThat(space.await("message", FRAME).getString("text")).isEqualTo("still here");
        }
    }

    @Test
    void aWrongCredentialIsRefusedWithAPolicyViolation() {
        String ann = user("wrong");
        String id = session("whiteboard", ann);
        String realLink = link(ann, id);

        try (SpaceClient intruder = SpaceClient.enter(base, realLink.replaceAll("credential=.*", "credential=guess"));
             SpaceClient silent = SpaceClient.connect(base, id)) {
            assertThat(intruder.await("error", FRAME).getString("reason")).contains("does not open any session");
            assertThat(intruder.closeCode(FRAME)).isEqualTo(1008);
            assertThat(intruder.received()).noneMatch(f -> "welcome".equals(f.getString("type")));

            silent.send("{\"type\":\"message\",\"text\":\"no hello\"}");
            assertThat(silent.closeCode(FRAME)).isEqualTo(1008);
        }
    }

    @Test
    void cancellingTheSessionClosesTheSpaceForEveryone() {
        String ann = user("cancel");
        String ben = user("cancelguest");
        String id = session("whiteboard", ann, ben);

        try (SpaceClient benSpace = SpaceClient.enter(base, link(ben, id))) {
            benSpace.await("welcome", FRAME);
            assertThat(LiaisonClient.as(base, ann, "password-" + ann).delete("api/sessions/" + id).statusCode()).isEqualTo(204);

            assertThat(benSpace.await("closed", FRAME).getString("reason")).contains("over");
            assertThat(benSpace.closeCode(FRAME)).isEqualTo(1000);
        }
        try (SpaceClient late = SpaceClient.enter(base, link(ben, id))) {
            late.await("closed", FRAME);
            assertThat(late.received()).noneMatch(f -> "welcome".equals(f.getString("type")));
        }
    }

    @Test
    void aVideoconferenceJoinPageOpensTheSessionsOwnRoom() {
        String ann = user("video");
        String ben = user("videoguest");
        String id = session("videoconference", ann, ben);
        String otherId = session("videoconference", ann, ben);

        String page = LiaisonClient.browser(base).get(relative(link(ben, id))).body();
        String otherPage = LiaisonClient.browser(base).get(relative(link(ben, otherId))).body();

        String room = roomOf(page);
        assertThat(room).startsWith("https://meet.jit.si/Liaison").doesNotContain(id);
        assertThat(roomOf(LiaisonClient.browser(base).get(relative(link(ann, id))).body())).isEqualTo(room);
        assertThat(roomOf(otherPage)).isNotEqualTo(room);
        try (SpaceClient space = SpaceClient.enter(base, link(ann, id))) {
            assertThat(space.await("welcome", FRAME).getString("conferenceUrl")).isEqualTo(room);
        }
    }

    @Test
    void theJoinPageOfAWhiteboardCarriesTheBoard() {
        String ann = user("page");
        String id = session("whiteboard", ann);

        HttpResponse<String> page = LiaisonClient.browser(base).get(relative(link(ann, id)));

        assertThat(page.body()).contains("<canvas id=\"board\"").contains("data-session=\"" + id + "\"")
                .contains("space/space.js");
        assertThat(LiaisonClient.anonymous(base).get("space/space.js").body()).contains("new WebSocket(");
    }

    private static String roomOf(String page) {
        var matcher = java.util.regex.Pattern.compile("id=\"conference\"[^>]*href=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as(page).isTrue();
        return matcher.group(1);
    }

    private static String relative(String link) {
        return link.substring(link.indexOf("/liaison/") + "/liaison/".length());
    }
}

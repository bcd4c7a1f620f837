package dev.liaison.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions created, read and cancelled over REST, by services and users, with the same mails as by e-mail. */
class SessionsIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    @Test
    void aSessionCreatedOverRestInvitesByMailAndIsVisibleToItsParticipantsOnly() {
        String organiser = user("rest");
        String guest = user("restguest");
        String outsider = user("restout");
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> created = as(organiser).postJson("api/sessions", "{\"type\":\"whiteboard\",\"title\":\"Roadmap\","
                + "\"start\":\"" + start + "\",\"durationMinutes\":45,\"participants\":[\"" + guest + "\"],"
                + "\"informed\":[\"boss-" + organiser + "@example.org\"]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject session = object(created);
        String id = session.getString("id");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/sessions/" + id));
        assertThat(session.getString("type")).isEqualTo("whiteboard");
        assertThat(session.getString("state")).isEqualTo("scheduled");
        assertThat(session.getString("organiser")).isEqualTo(organiser);
        assertThat(Instant.parse(session.getString("endsAt"))).isEqualTo(start.plus(45, ChronoUnit.MINUTES));
        assertThat(session.getString("joinUrl")).endsWith("/liaison/join/" + id);
        assertThat(created.body()).doesNotContain("credential");

        Mailboxes.await(guest + "@example.com", m -> m.subject().equals("Invitation: Roadmap"), 1, WAIT);
        Mailboxes.await("boss-" + organiser + "@example.org", m -> m.subject().startsWith("For your information"), 1, WAIT);

        assertThat(array(as(guest).get("api/sessions")).stream().map(v -> v.asJsonObject().getString("id"))).contains(id);
        assertThat(as(guest).get("api/sessions/" + id).statusCode()).isEqualTo(200);
        HttpResponse<String> hidden = as(outsider).get("api/sessions/" + id);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(array(as(outsider).get("api/sessions"))).isEmpty();
        assertThat(LiaisonClient.anonymous(base).get("api/sessions").statusCode()).isEqualTo(401);
    }

    @Test
    void badRequestsNameEachProblem() {
        String organiser = user("restbad");

        HttpResponse<String> response = as(organiser).postJson("api/sessions", "{\"type\":\"circus\","
                + "\"start\":\"2020-01-01T10:00:00Z\",\"participants\":[\"nobody-at-all\"],\"informed\":[\"not-an-address\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(object(response).getJsonArray("violations").stream().map(v -> v.asJsonObject().getString("field")))
                .containsExactlyInAnyOrder("type", "participants[0]", "informed[0]", "start");
    }

    @Test
    void theOrganiserCancelsOverRestAndParticipantsGetTheCancellation() {
        String organiser = user("restcancel");
        String guest = user("restcancelguest");
        HttpResponse<String> created = as(organiser).postJson("api/sessions",
                "{\"type\":\"chat\",\"title\":\"Soon gone\",\"participants\":[\"" + guest + "@example.com\"]}");
        String id = object(created).getString("id");

        assertThat(as(guest).delete("api/sessions/" + id).statusCode()).isEqualTo(403);
        assertThat(as(organiser).delete("api/sessions/" + id).statusCode()).isEqualTo(204);
        assertThat(as(organiser).delete("api/sessions/" + id).statusCode()).isEqualTo(409);

        assertThat(object(as(guest).get("api/sessions/" + id)).getString("state")).isEqualTo("cancelled");
        Mailboxes.Mail cancel = Mailboxes.await(guest + "@example.com", m -> m.subject().equals("Cancelled: Soon gone"), 1, WAIT)
                .get(0);
        assertThat(cancel.calendar()).contains("METHOD:CANCEL");
    }
}

package dev.liaison.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator manages another user's profiles, modes, rules, lists, choice, authorisations and
 * terminals over REST with {@code ?user=}; the user and their watchers see the result, every change
 * is in the event log with the administrator who made it, and nobody else may do it.
 */
class AdminActingIT extends LiaisonIT {

    private LiaisonClient admin() {
        return LiaisonClient.as(base, "admin", "admin");
    }

    private static long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return object(response).getJsonNumber("id").longValue();
    }

    private String seen(String watcher, String target) {
        JsonObject view = object(as(watcher).get("api/connectability/" + target));
        return view.getString("state") + (view.containsKey("reason") ? " " + view.getString("reason") : "");
    }

    private List<JsonObject> actedFor(String user) {
        return array(admin().get("api/events?type=ActedForUser&subject=" + user)).stream()
                .map(e -> json(e.asJsonObject().getString("detail"))).toList();
    }

    @Test
    void anAdministratorSetsUpAnotherUsersPresenceAndEveryChangeIsLoggedWithTheAdministrator() {
        String ann = user("managed");
        String bob = user("managedwatcher");
        String as = "?user=" + ann;

        HttpResponse<String> profile = admin().postJson("api/profiles" + as,
                "{\"name\":\"work\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"office\"}");
        long work = created(profile);
        assertThat(profile.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/profiles/" + work + as));
        assertThat(array(as(ann).get("api/profiles")).stream().map(p -> p.asJsonObject().getString("name"))).containsExactly("work");
        assertThat(array(admin().get("api/profiles"))).as("the administrator's own profiles are untouched")
                .noneMatch(p -> p.asJsonObject().getJsonNumber("id").longValue() == work);
        assertThat(object(admin().get("api/profiles/" + work + as)).getString("name")).isEqualTo("work");

        long away = created(admin().postJson("api/profiles/" + work + "/modes" + as,
                "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33611223344\"}"));
        long rule = created(admin().postJson("api/profiles/" + work + "/modes/" + away + "/rules" + as,
                "{\"rule\":\"DTSTART:20300105T090000Z\\nDURATION:PT1H\"}"));
        long entry = created(admin().postJson("api/profiles/" + work + "/contacts" + as,
                "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}"));
        assertThat(seen(bob, ann)).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");

        HttpResponse<String> chosen = admin().putJson("api/profiles/" + work + "/choice" + as, "{\"mode\":\"away\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(seen(bob, ann)).isEqualTo("IN_TRANSFER TRANSFERRED");
        assertThat(admin().delete("api/profiles/" + work + "/choice" + as).statusCode()).isEqualTo(204);
        assertThat(admin().delete("api/profiles/" + work + "/modes/" + away + "/rules/" + rule + as).statusCode()).isEqualTo(204);

        HttpResponse<String> terminal = admin().postJson("api/terminals" + as, "{\"profile\":\"work\",\"address\":\"desk-1\"}");
        long session = created(terminal);
        assertThat(array(as(ann).get("api/terminals")).stream().map(t -> t.asJsonObject().getJsonNumber("id").longValue()))
                .containsExactly(session);
        assertThat(array(admin().get("api/terminals" + as))).hasSize(1);
        assertThat(seen(bob, ann)).isEqualTo("CONNECTABLE AVAILABLE");
        assertThat(admin().delete("api/terminals/" + session + as).statusCode()).isEqualTo(204);
        assertThat(seen(bob, ann)).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");

        assertThat(admin().delete("api/profiles/" + work + "/contacts/" + entry + as).statusCode()).isEqualTo(204);
        assertThat(seen(bob, ann)).isEqualTo("UNKNOWN");

        List<JsonObject> log = actedFor(ann);
        assertThat(log).allSatisfy(d -> {
            assertThat(d.getString("admin")).isEqualTo("admin");
            assertThat(d.getString("user")).isEqualTo(ann);
        });
        assertThat(log.stream().map(d -> d.getString("change"))).containsExactlyInAnyOrder(
                "profile created", "mode added", "rules changed", "contact list changed", "mode chosen",
                "choice cleared", "rules changed", "web terminal connected", "terminal disconnected",
                "contact list changed");
        assertThat(log.stream().map(d -> d.getString("request")))
                .contains("POST /api/profiles", "PUT /api/profiles/" + work + "/choice", "DELETE /api/terminals/" + session);

        assertThat(as(ann).putJson("api/profiles/" + work + "/choice", "{}").statusCode()).isEqualTo(200);
        assertThat(actedFor(ann)).as("the user's own changes are not an administrator's").hasSize(log.size());
    }

    @Test
    void anAdministratorAnswersAuthorisationRequestsForAnotherUser() {
        String ann = user("answeredfor");
        String carol = user("askingcarol");
        String dave = user("askingdave");
        long home = created(as(ann).postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"));
        assertThat(home).isPositive();
        assertThat(as(carol).postJson("api/authorisations", "{\"target\":\"" + ann + "\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> askedForDave = admin().postJson("api/authorisations?user=" + dave, "{\"target\":\"" + ann + "\"}");
        assertThat(askedForDave.statusCode()).isEqualTo(202);

        var pending = array(admin().get("api/authorisations?user=" + ann));
        assertThat(pending.stream().map(p -> p.asJsonObject().getString("watcher"))).containsExactlyInAnyOrder(carol, dave);
        assertThat(array(admin().get("api/authorisations"))).as("the administrator's own requests").isEmpty();
        long carols = pending.stream().map(p -> p.asJsonObject()).filter(p -> p.getString("watcher").equals(carol))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();

        HttpResponse<String> granted = admin().putJson("api/authorisations/" + carols + "?user=" + ann, "{\"answer\":\"GRANTED\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(seen(carol, ann)).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");
        assertThat(seen(dave, ann)).isEqualTo("SUBJECT_TO_AUTHORISATION");
        assertThat(admin().putJson("api/authorisations/" + carols + "?user=" + carol, "{\"answer\":\"REFUSED\"}").statusCode())
                .as("a request to ann is not carol's to answer").isEqualTo(404);

        assertThat(actedFor(ann)).singleElement().satisfies(d -> {
            assertThat(d.getString("admin")).isEqualTo("admin");
            assertThat(d.getString("change")).isEqualTo("authorisation granted");
            assertThat(d.getString("request")).isEqualTo("PUT /api/authorisations/" + carols);
        });
        assertThat(actedFor(dave)).singleElement().satisfies(d -> assertThat(d.getString("change"))
                .isEqualTo("authorisation requested of " + ann));
    }

    @Test
    void nobodyButAnAdministratorMayActForAnotherUserAndOnlyAnAdministratorLearnsWhoExists() {
        String ann = user("protected");
        String eve = user("intruder");
        long home = created(as(ann).postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"));
        String nobody = Names.unique("nobody");

        List<HttpResponse<String>> refused = List.of(
                as(eve).get("api/profiles?user=" + ann),
                as(eve).get("api/profiles?user=" + nobody),
                as(eve).putJson("api/profiles/" + home + "/choice?user=" + ann, "{}"),
                as(eve).postJson("api/profiles?user=" + ann, "{\"name\":\"evil\",\"contactNumber\":\"+33102030405\"}"),
                as(eve).get("api/authorisations?user=" + ann),
                as(eve).postJson("api/terminals?user=" + ann, "{\"address\":\"evil\"}"));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.request().uri().toString()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(object(response).getInt("status")).isEqualTo(403);
            assertThat(response.body()).doesNotContain(ann).doesNotContain(nobody);
        }
        assertThat(refused.get(1).body()).as("the same answer whether the user exists or not").isEqualTo(refused.get(0).body());
        assertThat(array(as(ann).get("api/profiles")).stream().map(p -> p.asJsonObject().getString("name"))).containsExactly("home");
        assertThat(array(as(ann).get("api/terminals"))).isEmpty();
        assertThat(object(as(ann).get("api/connectability/" + ann)).getString("reason")).isEqualTo("NO_TERMINAL");

        HttpResponse<String> missing = admin().get("api/profiles?user=" + nobody);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(object(missing).getString("type")).isEqualTo("urn:liaison:problem:not-found");
        assertThat(admin().get("api/terminals?user=" + nobody).statusCode()).isEqualTo(404);
        HttpResponse<String> blank = admin().get("api/profiles?user=");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(object(blank).getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("user");

        String other = user("otherowner");
        long others = created(as(other).postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"));
        assertThat(admin().get("api/profiles/" + others + "?user=" + ann).statusCode())
                .as("acting for ann reaches ann's data only").isEqualTo(404);
        assertThat(actedFor(ann)).isEmpty();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

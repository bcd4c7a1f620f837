package dev.liaison.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Profiles, modes, rules and contact lists managed over REST by their owner, with precise answers to bad input. */
class ProfilesIT extends LiaisonIT {

    private static List<String> fields(HttpResponse<String> response) {
        return object(response).getJsonArray("violations").stream().map(v -> v.asJsonObject().getString("field")).toList();
    }

    @Test
    void aProfileWithItsModesRulesAndContactsMakesTheRoundTrip() {
        String ann = user("prof");
        String bob = user("profbob");
        LiaisonClient client = as(ann);

        HttpResponse<String> created = client.postJson("api/profiles",
                "{\"name\":\"work\",\"contactNumber\":\"+33 1 02 03 04 05\",\"defaultMode\":\"out\",\"defaultState\":\"NOT_AVAILABLE\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject profile = object(created);
        long id = profile.getJsonNumber("id").longValue();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/profiles/" + id));
        assertThat(profile.getBoolean("defaultProfile")).isTrue();
        assertThat(profile.getString("visibility")).isEqualTo("ON_AUTHORISATION");
        assertThat(profile.getString("defaultMode")).isEqualTo("out");

        HttpResponse<String> updated = client.putJson("api/profiles/" + id, "{\"contactNumber\":\"sip:ann@example.org\",\"visibility\":\"OPEN\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(object(client.get("api/profiles/" + id)).getString("contactNumber")).isEqualTo("sip:ann@example.org");
        assertThat(object(client.get("api/profiles/" + id)).getString("visibility")).isEqualTo("OPEN");

        HttpResponse<String> mode = client.postJson("api/profiles/" + id + "/modes",
                "{\"name\":\"travel\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33 6 11 22 33 44\","
                        + "\"scope\":[\"" + bob + "\"]}");
        assertThat(mode.statusCode()).as(mode.body()).isEqualTo(201);
        long modeId = object(mode).getJsonNumber("id").longValue();
        assertThat(object(mode).getJsonArray("scope").getString(0)).isEqualTo(bob);

        String rule = "DTSTART;TZID=Europe/Paris:20260105T090000\\nDTEND;TZID=Europe/Paris:20260105T180000\\n"
                + "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
        HttpResponse<String> added = client.postJson("api/profiles/" + id + "/modes/" + modeId + "/rules", "{\"rule\":\"" + rule + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long ruleId = object(added).getJsonNumber("id").longValue();
        assertThat(object(added).getString("rule")).contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
        JsonArray rules = array(client.get("api/profiles/" + id + "/modes/" + modeId + "/rules"));
        assertThat(rules).hasSize(1);
        assertThat(array(client.get("api/profiles/" + id + "/modes")).stream().map(m -> m.asJsonObject().getString("name")))
                .containsExactly("out", "travel");

        HttpResponse<String> contact = client.postJson("api/profiles/" + id + "/contacts",
                "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}");
        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(201);
        HttpResponse<String> address = client.postJson("api/profiles/" + id + "/contacts",
                "{\"list\":\"DENIED\",\"contact\":\"Spam@Example.ORG\"}");
        assertThat(object(address).getString("contact")).isEqualTo("mailto:spam@example.org");

        assertThat(client.delete("api/profiles/" + id + "/modes/" + modeId + "/rules/" + ruleId).statusCode()).isEqualTo(204);
        assertThat(array(client.get("api/profiles/" + id + "/modes/" + modeId + "/rules"))).isEmpty();
        assertThat(client.delete("api/profiles/" + id + "/modes/" + modeId).statusCode()).isEqualTo(204);
        assertThat(client.get("api/profiles/" + id + "/modes/" + modeId).statusCode()).isEqualTo(404);
        assertThat(client.delete("api/profiles/" + id).statusCode()).isEqualTo(204);
        assertThat(client.get("api/profiles/" + id).statusCode()).isEqualTo(404);
        assertThat(array(client.get("api/profiles"))).isEmpty();
    }

    @Test
    void badInputIsRefusedFieldByField() {
        String ann = user("profbad");
        LiaisonClient client = as(ann);

        HttpResponse<String> profile = client.postJson("api/profiles",
                "{\"name\":\"Not A Name\",\"contactNumber\":\"call me\",\"visibility\":\"SOMETIMES\"}");
        assertThat(profile.statusCode()).isEqualTo(400);
        assertThat(fields(profile)).containsExactlyInAnyOrder("name", "contactNumber", "visibility");

        long id = object(client.postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"))
                .getJsonNumber("id").longValue();
        HttpResponse<String> duplicate = client.postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);

        HttpResponse<String> mode = client.postJson("api/profiles/" + id + "/modes", "{\"name\":\"away\",\"state\":\"TRANSFER\"}");
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(fields(mode)).containsExactly("transferKind");
        HttpResponse<String> badScope = client.postJson("api/profiles/" + id + "/modes",
                "{\"name\":\"meet\",\"state\":\"BUSY\",\"scope\":[\"nobody-" + ann + "\"]}");
        assertThat(fields(badScope)).containsExactlyInAnyOrder("state", "scope[0]");

        long modeId = array(client.get("api/profiles/" + id + "/modes")).getJsonObject(0).getJsonNumber("id").longValue();
        HttpResponse<String> rule = client.postJson("api/profiles/" + id + "/modes/" + modeId + "/rules",
                "{\"rule\":\"DTSTART;TZID=Europe/Paris:20260105T090000\\nDURATION:PT9H\\nRRULE:FREQ=WEEKLY;BYDAY=MO,FX\"}");
        assertThat(rule.statusCode()).isEqualTo(400);
        JsonObject violation = object(rule).getJsonArray("violations").getJsonObject(0);
        assertThat(violation.getString("field")).isEqualTo("rule");
        assertThat(violation.getString("message")).contains("BYDAY=MO,FX");

        HttpResponse<String> contact = client.postJson("api/profiles/" + id + "/contacts",
                "{\"list\":\"FRIENDS\",\"contact\":\"not an address\"}");
        assertThat(fields(contact)).containsExactlyInAnyOrder("list", "contact");

        HttpResponse<String> defaultMode = client.delete("api/profiles/" + id + "/modes/" + modeId);
        assertThat(defaultMode.statusCode()).isEqualTo(400);
    }

    @Test
    void anotherUsersProfileAnswersLikeOneThatDoesNotExist() {
        String ann = user("profown");
        String eve = user("profeve");
        long id = object(as(ann).postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"))
                .getJsonNumber("id").longValue();

        HttpResponse<String> theirs = as(eve).get("api/profiles/" + id);
        HttpResponse<String> missing = as(eve).get("api/profiles/" + (id + 1_000_000));
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(as(eve).delete("api/profiles/" + id).statusCode()).isEqualTo(404);
        assertThat(as(eve).putJson("api/profiles/" + id + "/choice", "{}").statusCode()).isEqualTo(404);
        assertThat(as(ann).get("api/profiles/" + id).statusCode()).isEqualTo(200);
        assertThat(LiaisonClient.anonymous(base).get("api/profiles").statusCode()).isEqualTo(401);
    }

    @Test
    void theAccessListsExcludeOneAnotherAndFollowingIsIndependent() {
        String ann = user("proflist");
        String bob = user("proflistbob");
        LiaisonClient client = as(ann);
        long id = object(client.postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"))
                .getJsonNumber("id").longValue();

        client.postJson("api/profiles/" + id + "/contacts", "{\"list\":\"FOLLOWED\",\"contact\":\"" + bob + "\"}");
        client.postJson("api/profiles/" + id + "/contacts", "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}");
        client.postJson("api/profiles/" + id + "/contacts", "{\"list\":\"AUTHORISATION_REQUIRED\",\"contact\":\"" + bob + "\"}");
        HttpResponse<String> denied = client.postJson("api/profiles/" + id + "/contacts", "{\"list\":\"DENIED\",\"contact\":\"" + bob + "\"}");
        assertThat(denied.statusCode()).isEqualTo(201);

        JsonArray contacts = array(client.get("api/profiles/" + id + "/contacts"));
        assertThat(contacts.stream().map(JsonValue::asJsonObject).map(c -> c.getString("list") + " " + c.getString("contact")))
                .containsExactlyInAnyOrder("FOLLOWED " + bob, "DENIED " + bob);

        long entry = object(denied).getJsonNumber("id").longValue();
        assertThat(client.delete("api/profiles/" + id + "/contacts/" + entry).statusCode()).isEqualTo(204);
        assertThat(array(client.get("api/profiles/" + id + "/contacts"))).hasSize(1);
    }
}

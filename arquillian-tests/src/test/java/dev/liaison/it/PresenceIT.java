package dev.liaison.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static dev.liaison.it.LiaisonClient.text;
import static dev.liaison.it.LiaisonClient.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connectability as each watcher sees it, over REST, SOAP and the WebSocket push: the privacy
 * matrix, authorisation requests, the explicit choice and a rule boundary crossed while the test runs.
 *
 * <p>No SIP registrar is part of this build yet, so no target has a connected terminal: an available
 * target is NOT_CONNECTABLE (reason NO_TERMINAL) to those allowed to know, never CONNECTABLE.
 */
class PresenceIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DateTimeFormatter ICAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private long profile(String owner, String name) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"" + name + "\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getJsonNumber("id").longValue();
    }

    private void mode(String owner, long profile, String json) {
        HttpResponse<String> created = as(owner).postJson("api/profiles/" + profile + "/modes", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void list(String owner, long profile, String list, String contact) {
        HttpResponse<String> put = as(owner).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"" + list + "\",\"contact\":\"" + contact + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private void choose(String owner, long profile, String mode) {
        HttpResponse<String> chosen = as(owner).putJson("api/profiles/" + profile + "/choice", "{\"mode\":\"" + mode + "\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    }

    private JsonObject seen(String watcher, String target) {
        HttpResponse<String> response = as(watcher).get("api/connectability/" + target);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response);
    }

    private static String stateAndReason(JsonObject view) {
        return view.getString("state") + (view.containsKey("reason") ? " " + view.getString("reason") : "");
    }

    @Test
    void aConnectedTerminalMakesAnAvailableTargetConnectableAndItsDisconnectionUndoesIt() {
        String ann = user("online");
        String bob = user("onlinewatch");
        String eve = user("onlinedenied");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        list(ann, home, "DENIED", eve);
        assertThat(stateAndReason(seen(bob, ann))).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");

        HttpResponse<String> connected = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"browser-1\"}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);

        assertThat(stateAndReason(seen(bob, ann))).isEqualTo("CONNECTABLE AVAILABLE");
        assertThat(seen(eve, ann).getString("state")).as("a denied watcher learns nothing of it").isEqualTo("UNKNOWN");
        long session = object(connected).getJsonNumber("id").longValue();
        assertThat(as(ann).delete("api/terminals/" + session).statusCode()).isEqualTo(204);
        assertThat(stateAndReason(seen(bob, ann))).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");
        assertThat(array(LiaisonClient.as(base, "admin", "admin").get("api/events?subject=" + ann + "&type=ConnectabilityChanged"))
                .toString()).as("the change is logged with its cause").contains("web terminal connected");
    }

    @Test
    void eachWatcherLearnsExactlyWhatTheTargetAllowsAndDeniedLooksLikeNonexistent() {
        String ann = user("target");
        String bob = user("trusted");
        String eve = user("denied");
        String carol = user("stranger");
        String nobody = Names.unique("nobody");
        long home = profile(ann, "home");
        mode(ann, home, "{\"name\":\"busy\",\"state\":\"NOT_AVAILABLE\"}");
        mode(ann, home, "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33611223344\"}");
        mode(ann, home, "{\"name\":\"hidden\",\"state\":\"UNKNOWN\"}");
        list(ann, home, "AUTHORISED", bob);
        list(ann, home, "DENIED", eve);

        Map<String, String> trusted = Map.of(
                "free", "NOT_CONNECTABLE NO_TERMINAL",
                "busy", "NOT_CONNECTABLE NO_TERMINAL",
                "away", "IN_TRANSFER TRANSFERRED",
                "hidden", "UNKNOWN HIDDEN");
        for (Map.Entry<String, String> row : trusted.entrySet()) {
            choose(ann, home, row.getKey());

            assertThat(stateAndReason(seen(bob, ann))).as("authorised, mode " + row.getKey()).isEqualTo(row.getValue());
            assertThat(stateAndReason(seen(ann, ann))).as("self, mode " + row.getKey()).isEqualTo(row.getValue());
            for (String outsider : List.of(eve, carol)) {
                JsonObject view = seen(outsider, ann);
                assertThat(view.keySet()).as(outsider + ", mode " + row.getKey()).containsExactlyInAnyOrder("user", "state");
                assertThat(view.getString("state")).isEqualTo("UNKNOWN");
            }
            HttpResponse<String> denied = as(eve).get("api/connectability/" + ann);
            HttpResponse<String> missing = as(eve).get("api/connectability/" + nobody);
            assertThat(missing.statusCode()).isEqualTo(denied.statusCode());
            assertThat(missing.headers().firstValue("Content-Type")).isEqualTo(denied.headers().firstValue("Content-Type"));
            assertThat(missing.body().replace(nobody, "X")).isEqualTo(denied.body().replace(ann, "X"));
        }
        choose(ann, home, "away");
        assertThat(seen(bob, ann).getString("transferAddress")).isEqualTo("+33611223344");
        assertThat(seen(bob, ann).getString("transferKind")).isEqualTo("MOBILE");
    }

    @Test
    void askingForAuthorisationTellsNothingAndTheAnswerDecides() {
        String ann = user("asked");
        String carol = user("asker");
        String dave = user("refused");
        String nobody = Names.unique("nobody");
        profile(ann, "home");

        assertThat(stateAndReason(seen(carol, ann))).isEqualTo("UNKNOWN");
        HttpResponse<String> asked = as(carol).postJson("api/authorisations", "{\"target\":\"" + ann + "\"}");
        HttpResponse<String> askedNobody = as(carol).postJson("api/authorisations", "{\"target\":\"" + nobody + "\"}");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(askedNobody.statusCode()).isEqualTo(202);
        assertThat(askedNobody.body()).isEqualTo(asked.body());
        assertThat(as(dave).postJson("api/authorisations", "{\"target\":\"" + ann + "\"}").statusCode()).isEqualTo(202);

        assertThat(stateAndReason(seen(carol, ann))).isEqualTo("SUBJECT_TO_AUTHORISATION");
        var pending = array(as(ann).get("api/authorisations"));
        assertThat(pending.stream().map(p -> p.asJsonObject().getString("watcher"))).containsExactlyInAnyOrder(carol, dave);
        assertThat(array(as(carol).get("api/authorisations"))).isEmpty();
        long carolsRequest = requestOf(pending, carol);
        long davesRequest = requestOf(pending, dave);

        assertThat(as(carol).putJson("api/authorisations/" + carolsRequest, "{\"answer\":\"GRANTED\"}").statusCode()).isEqualTo(404);
        assertThat(as(ann).putJson("api/authorisations/" + carolsRequest, "{\"answer\":\"MAYBE\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> granted = as(ann).putJson("api/authorisations/" + carolsRequest, "{\"answer\":\"GRANTED\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(object(granted).getString("state")).isEqualTo("GRANTED");
        assertThat(as(ann).putJson("api/authorisations/" + carolsRequest, "{\"answer\":\"REFUSED\"}").statusCode()).isEqualTo(409);
        assertThat(as(ann).putJson("api/authorisations/" + davesRequest, "{\"answer\":\"REFUSED\"}").statusCode()).isEqualTo(200);

        assertThat(stateAndReason(seen(carol, ann))).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");
        assertThat(stateAndReason(seen(dave, ann))).isEqualTo("UNKNOWN");
        long home = array(as(ann).get("api/profiles")).getJsonObject(0).getJsonNumber("id").longValue();
        assertThat(array(as(ann).get("api/profiles/" + home + "/contacts")).stream()
                .map(c -> c.asJsonObject().getString("list") + " " + c.asJsonObject().getString("contact")))
                .containsExactlyInAnyOrder("AUTHORISED " + carol, "DENIED " + dave);
        assertThat(array(as(ann).get("api/authorisations"))).isEmpty();
    }

    @Test
    void aChosenModeIsPushedToFollowersLoggedWithItsCauseAndListedInTheirContacts() throws Exception {
        String ann = user("pushed");
        String bob = user("follower");
        long home = profile(ann, "home");
        mode(ann, home, "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"VOIP\",\"transferAddress\":\"sip:desk@example.org\"}");
        list(ann, home, "AUTHORISED", bob);
        long bobs = profile(bob, "home");
        list(bob, bobs, "FOLLOWED", ann);

        assertThat(array(as(bob).get("api/contacts")).stream().map(c -> c.asJsonObject().getString("user") + " "
                + c.asJsonObject().getString("state"))).containsExactly(ann + " NOT_CONNECTABLE");

        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        WebSocket stream = as(bob).webSocket("presence/stream", frame -> frames.add(json(frame)));
        try {
            await(frames, f -> f.getString("contact").equals(ann) && f.getString("state").equals("NOT_CONNECTABLE"));

            choose(ann, home, "away");

            JsonObject pushed = await(frames, f -> f.getString("contact").equals(ann) && f.getString("state").equals("IN_TRANSFER"));
            assertThat(Instant.parse(pushed.getString("at"))).isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));
        } finally {
            stream.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        assertThat(array(as(bob).get("api/contacts")).getJsonObject(0).getString("state")).isEqualTo("IN_TRANSFER");
        var log = array(LiaisonClient.as(base, "admin", "admin").get("api/events?type=ConnectabilityChanged&subject=" + ann));
        assertThat(log.stream().map(e -> json(e.asJsonObject().getString("detail"))))
                .anySatisfy(d -> {
                    assertThat(d.getString("watcher")).isEqualTo(bob);
                    assertThat(d.getString("from")).isEqualTo("NOT_CONNECTABLE");
                    assertThat(d.getString("to")).isEqualTo("IN_TRANSFER");
                    assertThat(d.getString("cause")).isEqualTo("mode chosen");
                });
        assertThat(LiaisonClient.anonymous(base).get("presence/stream").statusCode()).isEqualTo(401);
    }

    @Test
    void aRuleBoundaryCrossedDuringTheTestIsPushed() throws Exception {
        String ann = user("ruled");
        String bob = user("ruledwatcher");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        long bobs = profile(bob, "home");
        list(bob, bobs, "FOLLOWED", ann);
        mode(ann, home, "{\"name\":\"meeting\",\"state\":\"UNKNOWN\"}");
        long meeting = array(as(ann).get("api/profiles/" + home + "/modes")).stream().map(m -> m.asJsonObject())
                .filter(m -> m.getString("name").equals("meeting")).findFirst().orElseThrow().getJsonNumber("id").longValue();

        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        WebSocket stream = as(bob).webSocket("presence/stream", frame -> frames.add(json(frame)));
        try {
            await(frames, f -> f.getString("state").equals("NOT_CONNECTABLE"));
            Instant starts = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
            String rule = "DTSTART;TZID=Europe/Paris:" + ICAL.format(starts.atZone(ZoneId.of("Europe/Paris"))) + "\\nDURATION:PT1H";
            HttpResponse<String> added = as(ann).postJson("api/profiles/" + home + "/modes/" + meeting + "/rules",
                    "{\"rule\":\"" + rule + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(Instant.now()).as("the rule was added before its period began").isBefore(starts);
            assertThat(stateAndReason(seen(bob, ann))).isEqualTo("NOT_CONNECTABLE NO_TERMINAL");

            JsonObject pushed = await(frames, f -> f.getString("state").equals("UNKNOWN"));
            assertThat(Instant.parse(pushed.getString("at"))).isAfterOrEqualTo(starts);
        } finally {
            stream.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        assertThat(stateAndReason(seen(bob, ann))).isEqualTo("UNKNOWN HIDDEN");
        var log = array(LiaisonClient.as(base, "admin", "admin").get("api/events?type=ConnectabilityChanged&subject=" + ann));
        assertThat(log.stream().map(e -> json(e.asJsonObject().getString("detail")).getString("cause"))).contains("rule boundary");
    }

    @Test
    void servicesAskAndActivateOverSoap() {
        String ann = user("soaptarget");
        String bob = user("soapwatcher");
        long home = profile(ann, "home");
        profile(ann, "work");
        list(ann, home, "AUTHORISED", bob);

        HttpResponse<String> read = as(bob).soap("soap/presence",
                "<p:connectability xmlns:p=\"urn:liaison:presence:1\"><target>" + ann + "</target></p:connectability>");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        Document answer = xml(read);
        assertThat(text(answer, "state")).isEqualTo("NOT_CONNECTABLE");
        assertThat(text(answer, "reason")).isEqualTo("NO_TERMINAL");

        HttpResponse<String> unknown = as(bob).soap("soap/presence",
                "<p:connectability xmlns:p=\"urn:liaison:presence:1\"><target>" + Names.unique("nobody") + "</target></p:connectability>");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(text(xml(unknown), "state")).isEqualTo("UNKNOWN");
        assertThat(text(xml(unknown), "reason")).isNull();

        HttpResponse<String> activated = as(ann).soap("soap/presence",
                "<p:activateProfile xmlns:p=\"urn:liaison:presence:1\"><profile>work</profile></p:activateProfile>");
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(text(xml(activated), "profile")).isEqualTo("work");
        // the lists of the active profile decide: bob is authorised on home only
        assertThat(stateAndReason(seen(bob, ann))).isEqualTo("UNKNOWN");

        HttpResponse<String> missing = as(ann).soap("soap/presence",
                "<p:activateProfile xmlns:p=\"urn:liaison:presence:1\"><profile>nosuch</profile></p:activateProfile>");
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(text(xml(missing), "code")).isEqualTo("NOT_FOUND");
        assertThat(LiaisonClient.anonymous(base).get("soap/presence?wsdl").body())
                .contains("PresenceService", "PresencePort", "urn:liaison:presence:1");
    }

    private static long requestOf(JsonArray pending, String watcher) {
        return pending.stream().map(p -> p.asJsonObject()).filter(p -> p.getString("watcher").equals(watcher))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static JsonObject await(List<JsonObject> frames, Predicate<JsonObject> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT.multipliedBy(2));
        while (Instant.now().isBefore(deadline)) {
            for (JsonObject frame : frames) {
                if (wanted.test(frame)) {
                    return frame;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such frame within " + WAIT.multipliedBy(2) + "; got " + frames);
    }
}

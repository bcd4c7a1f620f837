package dev.liaison.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who transfers her calls shows where they go to her authorised contacts, over REST, the
 * WebSocket push and SIP NOTIFY (as the PIDF tuple's contact), and to nobody else: a public
 * watcher of her open profile sees IN_TRANSFER and nothing more, as before.
 */
class TransferTargetIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return object(response).getJsonNumber("id").longValue();
    }

    /** ann's open profile with a mode "away" that transfers to her mobile; bob is authorised, dave is a public watcher. */
    private record Scene(String ann, String bob, String dave, long home, long away) {
    }

    private Scene scene() {
        String ann = user("transferring");
        String bob = user("trusted");
        String dave = user("public");
        long home = created(as(ann).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"visibility\":\"OPEN\"}"));
        long away = created(as(ann).postJson("api/profiles/" + home + "/modes",
                "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33 6 11 22 33 44\"}"));
        created(as(ann).postJson("api/profiles/" + home + "/contacts", "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}"));
        for (String watcher : List.of(bob, dave)) {
            long theirs = created(as(watcher).postJson("api/profiles", "{\"name\":\"home\",\"contactNumber\":\"+33102030405\"}"));
            created(as(watcher).postJson("api/profiles/" + theirs + "/contacts", "{\"list\":\"FOLLOWED\",\"contact\":\"" + ann + "\"}"));
        }
        return new Scene(ann, bob, dave, home, away);
    }

    private void choose(Scene scene, String mode) {
        HttpResponse<String> chosen = as(scene.ann()).putJson("api/profiles/" + scene.home() + "/choice", "{\"mode\":\"" + mode + "\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    }

    private void retarget(Scene scene, String kind, String address) {
        HttpResponse<String> changed = as(scene.ann()).putJson("api/profiles/" + scene.home() + "/modes/" + scene.away(),
                "{\"state\":\"TRANSFER\",\"transferKind\":\"" + kind + "\",\"transferAddress\":\"" + address + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    @Test
    void onlyTheAuthorisedContactLearnsTheTransferTargetOverRestAndThePush() throws Exception {
        Scene s = scene();
        List<JsonObject> bobs = new CopyOnWriteArrayList<>();
        List<JsonObject> daves = new CopyOnWriteArrayList<>();
        WebSocket bobStream = as(s.bob()).webSocket("presence/stream", f -> bobs.add(json(f)));
        WebSocket daveStream = as(s.dave()).webSocket("presence/stream", f -> daves.add(json(f)));
        try {
            await(bobs, f -> f.getString("state").equals("NOT_CONNECTABLE"));
            await(daves, f -> f.getString("state").equals("NOT_CONNECTABLE"));

            choose(s, "away");

            JsonObject toBob = await(bobs, f -> f.getString("state").equals("IN_TRANSFER"));
            assertThat(toBob.getString("contact")).isEqualTo(s.ann());
            assertThat(toBob.getString("transferKind")).isEqualTo("MOBILE");
            assertThat(toBob.getString("transferAddress")).isEqualTo("+33 6 11 22 33 44");
            JsonObject toDave = await(daves, f -> f.getString("state").equals("IN_TRANSFER"));
            assertThat(toDave.keySet()).containsExactly("contact", "state", "at");

            JsonObject bobSees = object(as(s.bob()).get("api/connectability/" + s.ann()));
            assertThat(bobSees.getString("transferAddress")).isEqualTo("+33 6 11 22 33 44");
            JsonObject daveSees = object(as(s.dave()).get("api/connectability/" + s.ann()));
            assertThat(daveSees.getString("state")).isEqualTo("IN_TRANSFER");
            assertThat(daveSees.keySet()).containsExactlyInAnyOrder("user", "state");
            assertThat(array(as(s.bob()).get("api/contacts")).getJsonObject(0).getString("transferKind")).isEqualTo("MOBILE");
            assertThat(array(as(s.dave()).get("api/contacts")).getJsonObject(0).keySet()).containsExactlyInAnyOrder("user", "state");

            int daveHad = daves.size();
            retarget(s, "VOIP", "sip:desk@example.org");
            JsonObject moved = await(bobs, f -> "sip:desk@example.org".equals(f.getString("transferAddress", null)));
            assertThat(moved.getString("state")).as("a new target is told though the state stays").isEqualTo("IN_TRANSFER");
            assertThat(moved.getString("transferKind")).isEqualTo("VOIP");
            Thread.sleep(1000);
            assertThat(daves).as("the public watcher is told nothing: for them nothing changed").hasSize(daveHad);

            assertThat(as(s.ann()).delete("api/profiles/" + s.home() + "/choice").statusCode()).isEqualTo(204);
            JsonObject back = await(bobs, f -> f.getString("state").equals("NOT_CONNECTABLE") && bobs.indexOf(f) > bobs.indexOf(moved));
            assertThat(back.keySet()).containsExactly("contact", "state", "at");
        } finally {
            bobStream.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            daveStream.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void aSipWatcherTrustedWithTheTransferGetsItAsThePidfContactAndOthersGetTheSameDocumentAsBefore() {
        Scene s = scene();
        choose(s, "away");
        try (SipClient bobPhone = SipClient.udp(); SipClient davePhone = SipClient.tcp()) {
            SipClient.Subscription bob = bobPhone.subscription(s.bob(), "password-" + s.bob(), s.ann());
            SipClient.Subscription dave = davePhone.subscription(s.dave(), "password-" + s.dave(), s.ann());
            assertThat(bob.subscribe(60).getStatusCode()).isEqualTo(200);
            assertThat(dave.subscribe(60).getStatusCode()).isEqualTo(200);

            Request toBob = bob.awaitNotify(0, n -> SipClient.body(n).contains("IN_TRANSFER"), 15);
            assertThat(SipClient.body(toBob)).contains("<contact>tel:+33611223344</contact>");
            Request toDave = dave.awaitNotify(0, n -> SipClient.body(n).contains("IN_TRANSFER"), 15);
            String daveDocument = SipClient.body(toDave);
            assertThat(daveDocument).doesNotContain("<contact>").doesNotContain("33611223344");
            assertThat(daveDocument).as("what an untrusted watcher gets is the bare state, as before")
                    .isEqualTo(SipClient.body(toBob).replace("    <contact>tel:+33611223344</contact>\n", ""));

            int bobHad = bob.notifies().size();
            retarget(s, "VOIP", "sip:desk@example.org");
            Request moved = bob.awaitNotify(bobHad, n -> SipClient.body(n).contains("<contact>sip:desk@example.org</contact>"), 15);
            assertThat(SipClient.body(moved)).contains("<lz:connectability>IN_TRANSFER</lz:connectability>");

            bob.subscribe(0);
            dave.subscribe(0);
        }
        assertThat(array(as(s.dave()).get("api/contacts")).toString()).doesNotContain("desk");
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static JsonObject await(List<JsonObject> frames, Predicate<JsonObject> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonObject frame : frames) {
                if (wanted.test(frame)) {
                    return frame;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such frame within " + WAIT + "; got " + frames);
    }
}

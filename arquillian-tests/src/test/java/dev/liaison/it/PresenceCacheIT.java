package dev.liaison.it;

import org.junit.jupiter.api.Test;

import javax.sip.message.Response;
import java.net.http.HttpResponse;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connectability reads are answered from a cache of each user's presence inputs. Each test reads
 * first, so that the user is cached, then writes, then reads at once: the read must show the
 * write. That includes the writes that change nothing a watcher sees at the time (a REGISTER or a
 * PUBLISH refresh only moves an expiry) but change what they see once the old expiry has passed.
 * The server runs with a minimum expiry of 2 s (arquillian.xml).
 */
class PresenceCacheIT extends LiaisonIT {

    private static final String PIDF = "application/pidf+xml";

    private String state(String watcher, String target) {
        HttpResponse<String> answer = as(watcher).get("api/connectability/" + target);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return object(answer).getString("state");
    }

    @Test
    void aRefreshedRegistrationKeepsTheUserConnectablePastItsFirstExpiry() throws InterruptedException {
        String ann = user("cachereg");
        String bob = user("cacheregw");
        homeProfileAuthorising(ann, bob);
        try (SipClient phone = SipClient.udp()) {
            long registeredAt = System.nanoTime();
            Response first = phone.registerWithDigest(ann, password(ann), "SHA-256",
                    "Contact: <" + phone.contact("") + ">", "Expires: 3");
            assertThat(first.getStatusCode()).isEqualTo(200);
            assertThat(state(bob, ann)).isEqualTo("CONNECTABLE");

            Response refreshed = phone.registerWithDigest(ann, password(ann), "SHA-256",
                    "Contact: <" + phone.contact("") + ">", "Expires: 60");
            assertThat(refreshed.getStatusCode()).isEqualTo(200);
            sleepUntil(registeredAt, 4_000);
            assertThat(state(bob, ann)).as("read after the first registration's expiry").isEqualTo("CONNECTABLE");
        }
    }

    @Test
    void aRefreshedPublicationKeepsItsStatePastItsFirstExpiry() throws InterruptedException {
        String ann = user("cachepub");
        String bob = user("cachepubw");
        homeProfileAuthorising(ann, bob);
        try (SipClient phone = SipClient.udp()) {
            assertThat(phone.registerWithDigest(ann, password(ann), "SHA-256",
                    "Contact: <" + phone.contact("") + ">", "Expires: 300").getStatusCode()).isEqualTo(200);
            assertThat(state(bob, ann)).isEqualTo("CONNECTABLE");

            long publishedAt = System.nanoTime();
            Response closed = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "closed", null),
                    "Event: presence", "Expires: 3");
            assertThat(closed.getStatusCode()).isEqualTo(200);
            assertThat(state(bob, ann)).isEqualTo("NOT_CONNECTABLE");

            Response refreshed = phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 60",
                    "SIP-If-Match: " + SipClient.header(closed, "SIP-ETag"));
            assertThat(refreshed.getStatusCode()).isEqualTo(200);
            sleepUntil(publishedAt, 4_000);
            assertThat(state(bob, ann)).as("read after the first publication's expiry").isEqualTo("NOT_CONNECTABLE");
        }
    }

    @Test
    void everyEditOfProfilesModesListsAndTerminalsIsSeenByTheNextRead() {
        String ann = user("cacheedit");
        String bob = user("cacheeditw");
        String carol = user("cacheeditc");
        long profile = homeProfileAuthorising(ann, bob);
        assertThat(state(bob, ann)).as("no terminal").isEqualTo("NOT_CONNECTABLE");

        HttpResponse<String> connected = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"desk\"}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
        assertThat(state(bob, ann)).as("terminal connected").isEqualTo("CONNECTABLE");

        HttpResponse<String> mode = as(ann).postJson("api/profiles/" + profile + "/modes",
                "{\"name\":\"busy\",\"state\":\"NOT_AVAILABLE\",\"scope\":[\"" + carol + "\"]}");
        assertThat(mode.statusCode()).as(mode.body()).isEqualTo(201);
        long busy = object(mode).getJsonNumber("id").longValue();
        assertThat(as(ann).putJson("api/profiles/" + profile + "/choice", "{\"mode\":\"busy\"}").statusCode()).isEqualTo(200);
        assertThat(state(bob, ann)).as("busy applies to carol only").isEqualTo("CONNECTABLE");

        HttpResponse<String> scoped = as(ann).putJson("api/profiles/" + profile + "/modes/" + busy,
                "{\"name\":\"busy\",\"state\":\"NOT_AVAILABLE\",\"scope\":[\"" + carol + "\",\"" + bob + "\"]}");
        assertThat(scoped.statusCode()).as(scoped.body()).isEqualTo(200);
        assertThat(state(bob, ann)).as("busy's scope now names bob").isEqualTo("NOT_CONNECTABLE");

        long entry = array(as(ann).get("api/profiles/" + profile + "/contacts")).stream()
                .map(e -> e.asJsonObject()).filter(e -> e.getString("contact").equals(bob))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
        assertThat(as(ann).delete("api/profiles/" + profile + "/contacts/" + entry).statusCode()).isEqualTo(204);
        HttpResponse<String> denied = as(ann).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"DENIED\",\"contact\":\"" + bob + "\"}");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(201);
        assertThat(state(bob, ann)).as("bob denied").isEqualTo("UNKNOWN");

        assertThat(as(ann).delete("api/profiles/" + profile + "/contacts/" + object(denied).getJsonNumber("id").longValue())
                .statusCode()).isEqualTo(204);
        assertThat(as(ann).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}").statusCode()).isEqualTo(201);
        assertThat(state(bob, ann)).as("bob authorised again, busy for him").isEqualTo("NOT_CONNECTABLE");

        assertThat(as(ann).putJson("api/profiles/" + profile + "/choice", "{\"mode\":\"free\"}").statusCode()).isEqualTo(200);
        assertThat(state(bob, ann)).as("free chosen").isEqualTo("CONNECTABLE");

        long session = object(connected).getJsonNumber("id").longValue();
        assertThat(as(ann).delete("api/terminals/" + session).statusCode()).isEqualTo(204);
        assertThat(state(bob, ann)).as("terminal disconnected").isEqualTo("NOT_CONNECTABLE");
    }

    private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - startNanos) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}

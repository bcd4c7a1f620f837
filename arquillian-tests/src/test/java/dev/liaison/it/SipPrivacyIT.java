package dev.liaison.it;

import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy matrix over SIP: an authorised watcher, a denied one, a stranger and a watcher
 * awaiting authorisation each subscribe to the same user, who then goes through every state. The
 * authorised watcher is told each state; the denied one and the stranger see exactly the document
 * of a user who does not exist and are never sent a NOTIFY when the state changes (a NOTIFY alone
 * would tell them something changed); every SIP answer they get is the answer for a nonexistent user.
 */
class SipPrivacyIT extends LiaisonIT {

    private static final int WAIT_SECONDS = 15;
    /** How long a watcher who must learn nothing is watched for a NOTIFY after the last change. */
    private static final long QUIET_MILLIS = 2500;

    private void ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static String connectability(Request notify) {
        String body = SipClient.body(notify);
        int start = body.indexOf("<lz:connectability>");
        int end = body.indexOf("</lz:connectability>");
        return start < 0 || end < 0 ? "" : body.substring(start + "<lz:connectability>".length(), end);
    }

    private static String withoutExpiry(String subscriptionState) {
        return subscriptionState.replaceAll("expires=\\d+", "");
    }

    @Test
    void onlyTheAuthorisedWatcherLearnsAnythingAndNobodyElseIsEvenToldOfAChange() throws InterruptedException {
        String ann = user("matrixtarget");
        String bob = user("matrixtrusted");
        String eve = user("matrixdenied");
        String carol = user("matrixstranger");
        String dave = user("matrixasking");
        String nobody = Names.unique("matrixnobody");
        HttpResponse<String> created = as(ann).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        ok(created, 201);
        long home = object(created).getJsonNumber("id").longValue();
        ok(as(ann).postJson("api/profiles/" + home + "/modes", "{\"name\":\"busy\",\"state\":\"NOT_AVAILABLE\"}"), 201);
        ok(as(ann).postJson("api/profiles/" + home + "/modes",
                "{\"name\":\"away\",\"state\":\"TRANSFER\",\"transferKind\":\"MOBILE\",\"transferAddress\":\"+33611223344\"}"), 201);
        ok(as(ann).postJson("api/profiles/" + home + "/modes", "{\"name\":\"hidden\",\"state\":\"UNKNOWN\"}"), 201);
        for (String[] entry : new String[][]{{"AUTHORISED", bob}, {"DENIED", eve}, {"AUTHORISATION_REQUIRED", dave}}) {
            ok(as(ann).postJson("api/profiles/" + home + "/contacts",
                    "{\"list\":\"" + entry[0] + "\",\"contact\":\"" + entry[1] + "\"}"), 201);
        }

        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription trusted = phone.subscription(bob, password(bob), ann);
            SipClient.Subscription denied = phone.subscription(eve, password(eve), ann);
            SipClient.Subscription stranger = phone.subscription(carol, password(carol), ann);
            SipClient.Subscription asking = phone.subscription(dave, password(dave), ann);
            SipClient.Subscription missing = phone.subscription(eve, password(eve), nobody);
            Map<String, Response> answers = new LinkedHashMap<>();
            answers.put("denied", denied.subscribe(60));
            answers.put("stranger", stranger.subscribe(60));
            answers.put("nonexistent", missing.subscribe(60));
            assertThat(trusted.subscribe(60).getStatusCode()).isEqualTo(200);
            assertThat(asking.subscribe(60).getStatusCode()).isEqualTo(200);
            answers.forEach((who, answer) -> {
                assertThat(answer.getStatusCode()).as(who).isEqualTo(200);
                assertThat(answer.getReasonPhrase()).as(who).isEqualTo(answers.get("nonexistent").getReasonPhrase());
                assertThat(answer.getExpires().getExpires()).as(who).isEqualTo(60);
            });

            Request nothing = missing.awaitNotify(0, n -> true, WAIT_SECONDS);
            String unknown = SipClient.body(nothing).replace(nobody, "X");
            for (SipClient.Subscription outsider : new SipClient.Subscription[]{denied, stranger}) {
                Request first = outsider.awaitNotify(0, n -> true, WAIT_SECONDS);
                assertThat(SipClient.body(first).replace(ann, "X")).isEqualTo(unknown);
                assertThat(withoutExpiry(SipClient.header(first, "Subscription-State")))
                        .isEqualTo(withoutExpiry(SipClient.header(nothing, "Subscription-State")));
            }
            Request pending = asking.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(SipClient.header(pending, "Subscription-State")).startsWith("pending");
            assertThat(connectability(pending)).isEqualTo("SUBJECT_TO_AUTHORISATION");
            assertThat(connectability(trusted.awaitNotify(0, n -> true, WAIT_SECONDS))).isEqualTo("NOT_CONNECTABLE");

            HttpResponse<String> terminal = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"desk-phone\"}");
            ok(terminal, 201);
            trusted.awaitNotify(1, n -> connectability(n).equals("CONNECTABLE"), WAIT_SECONDS);
            Map<String, String> modes = new LinkedHashMap<>();
            modes.put("busy", "NOT_CONNECTABLE");
            modes.put("away", "IN_TRANSFER");
            modes.put("hidden", "UNKNOWN");
            modes.put("free", "CONNECTABLE");
            for (Map.Entry<String, String> mode : modes.entrySet()) {
                int seen = trusted.notifies().size();
                ok(as(ann).putJson("api/profiles/" + home + "/choice", "{\"mode\":\"" + mode.getKey() + "\"}"), 200);
                Request told = trusted.awaitNotify(seen, n -> connectability(n).equals(mode.getValue()), WAIT_SECONDS);
                assertThat(SipClient.header(told, "Subscription-State")).as(mode.getKey()).startsWith("active");
            }
            long terminalId = object(terminal).getJsonNumber("id").longValue();
            ok(as(ann).delete("api/terminals/" + terminalId), 204);
            trusted.awaitNotify(1, n -> connectability(n).equals("NOT_CONNECTABLE"), WAIT_SECONDS);

            Thread.sleep(QUIET_MILLIS);
            assertThat(denied.notifies()).as("the denied watcher is told nothing happened").hasSize(1);
            assertThat(stranger.notifies()).as("nor is the stranger").hasSize(1);
            assertThat(missing.notifies()).hasSize(1);
            assertThat(asking.notifies().stream().map(SipPrivacyIT::connectability).distinct())
                    .as("the watcher awaiting an answer learns nothing more").containsExactly("SUBJECT_TO_AUTHORISATION");

            for (SipClient.Subscription outsider : new SipClient.Subscription[]{denied, stranger, missing}) {
                Response refreshed = outsider.subscribe(60);
                assertThat(refreshed.getStatusCode()).isEqualTo(200);
                Request current = outsider.awaitNotify(1, n -> true, WAIT_SECONDS);
                assertThat(SipClient.body(current).replace(ann, "X").replace(nobody, "X")).isEqualTo(unknown);
            }
        }
    }
}

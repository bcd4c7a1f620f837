package dev.liaison.it;

import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence publication over SIP (RFC 3903): a user's SIP client PUBLISHes a PIDF document, which
 * stands in for the state of the user's active mode while it lives; watchers are told over SIP
 * and see it over REST. Entity-tags change with every refresh, {@code Expires: 0} removes the
 * publication, and one that is not refreshed lapses. The server runs with a minimum expiry of
 * 2 s (arquillian.xml).
 */
class PublishIT extends LiaisonIT {

    private static final int WAIT_SECONDS = 15;
    private static final String PIDF = "application/pidf+xml";

    /** {@code owner} gets an available profile in which {@code watcher} is authorised, and a registered SIP phone. */
    private void availableWithWatcher(String owner, String watcher, SipClient phone) {
        homeProfileAuthorising(owner, watcher);
        Response registered = phone.registerWithDigest(owner, password(owner), "SHA-256",
                "Contact: <" + phone.contact("") + ">", "Expires: 300");
        assertThat(registered.getStatusCode()).isEqualTo(200);
    }

    private String restState(String watcher, String target) {
        HttpResponse<String> answer = as(watcher).get("api/connectability/" + target);
        assertThat(answer.statusCode()).isEqualTo(200);
        return object(answer).getString("state");
    }

    private static boolean shows(Request notify, String basic, String state) {
        String body = SipClient.body(notify);
        return body.contains("<basic>" + basic + "</basic>") && body.contains("<lz:connectability>" + state + "</lz:connectability>");
    }

    private static String etag(Response response) {
        return SipClient.header(response, "SIP-ETag");
    }

    private List<String> causes(String target) {
        return array(LiaisonClient.as(base, "admin", "admin").get("api/events?type=ConnectabilityChanged&subject=" + target))
                .stream().map(e -> {
                    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(e.asJsonObject().getString("detail")))) {
                        return reader.readObject().getString("cause");
                    }
                }).toList();
    }

    @Test
    void publishingClosedMakesTheUserNotConnectableForWatchersAndOpenBringsThemBack() {
        String ann = user("publisher");
        String bob = user("pubwatcher");
        try (SipClient phone = SipClient.udp(); SipClient watcherPhone = SipClient.udp()) {
            availableWithWatcher(ann, bob, phone);
            SipClient.Subscription subscription = watcherPhone.subscription(bob, password(bob), ann);
            assertThat(subscription.subscribe(60).getStatusCode()).isEqualTo(200);
            subscription.awaitNotify(0, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
            assertThat(restState(bob, ann)).isEqualTo("CONNECTABLE");

            int before = subscription.notifies().size();
            Response closed = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "closed", null),
                    "Event: presence", "Expires: 60");
            assertThat(closed.getStatusCode()).isEqualTo(200);
            assertThat(closed.getExpires().getExpires()).isEqualTo(60);
            String first = etag(closed);
            assertThat(first).isNotBlank();
            subscription.awaitNotify(before, n -> shows(n, "closed", "NOT_CONNECTABLE"), WAIT_SECONDS);
            assertThat(restState(bob, ann)).isEqualTo("NOT_CONNECTABLE");
            assertThat(causes(ann)).contains("published");

            before = subscription.notifies().size();
            Response open = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "open", null),
                    "Event: presence", "Expires: 60", "SIP-If-Match: " + first);
            assertThat(open.getStatusCode()).isEqualTo(200);
            String second = etag(open);
            assertThat(second).isNotBlank().isNotEqualTo(first);
            subscription.awaitNotify(before, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
            assertThat(restState(bob, ann)).isEqualTo("CONNECTABLE");

            before = subscription.notifies().size();
            Response busy = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "open", "on-the-phone"),
                    "Event: presence", "Expires: 60", "SIP-If-Match: " + second);
            assertThat(busy.getStatusCode()).isEqualTo(200);
            subscription.awaitNotify(before, n -> shows(n, "closed", "NOT_CONNECTABLE"), WAIT_SECONDS);
            assertThat(restState(bob, ann)).as("on the phone is not available, even when open").isEqualTo("NOT_CONNECTABLE");

            assertThat(phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 0",
                    "SIP-If-Match: " + etag(busy)).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRefreshGivesANewEntityTagTheOldOneNoLongerMatchesAndRemovalRestoresTheModeState() {
        String ann = user("refreshpub");
        String bob = user("refreshwatcher");
        try (SipClient phone = SipClient.tcp(); SipClient watcherPhone = SipClient.udp()) {
            availableWithWatcher(ann, bob, phone);
            SipClient.Subscription subscription = watcherPhone.subscription(bob, password(bob), ann);
            assertThat(subscription.subscribe(60).getStatusCode()).isEqualTo(200);
            subscription.awaitNotify(0, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);

            Response published = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "closed", "meeting"),
                    "Event: presence", "Expires: 30");
            assertThat(published.getStatusCode()).isEqualTo(200);
            String first = etag(published);
            subscription.awaitNotify(1, n -> shows(n, "closed", "NOT_CONNECTABLE"), WAIT_SECONDS);

            Response refreshed = phone.publish(ann, password(ann), ann, null, null,
                    "Event: presence", "Expires: 60", "SIP-If-Match: " + first);
            assertThat(refreshed.getStatusCode()).isEqualTo(200);
            assertThat(refreshed.getExpires().getExpires()).isEqualTo(60);
            String second = etag(refreshed);
            assertThat(second).isNotBlank().isNotEqualTo(first);
            assertThat(restState(bob, ann)).as("a refresh keeps the state").isEqualTo("NOT_CONNECTABLE");

            Response stale = phone.publish(ann, password(ann), ann, null, null,
                    "Event: presence", "Expires: 60", "SIP-If-Match: " + first);
            assertThat(stale.getStatusCode()).as("the replaced entity-tag").isEqualTo(412);

            int before = subscription.notifies().size();
            Response removed = phone.publish(ann, password(ann), ann, null, null,
                    "Event: presence", "Expires: 0", "SIP-If-Match: " + second);
            assertThat(removed.getStatusCode()).isEqualTo(200);
            assertThat(removed.getExpires().getExpires()).isEqualTo(0);
            subscription.awaitNotify(before, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
            assertThat(restState(bob, ann)).as("the mode's state is back").isEqualTo("CONNECTABLE");
            assertThat(causes(ann)).contains("publication removed");

            assertThat(phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 60",
                    "SIP-If-Match: " + second).getStatusCode()).as("a removed publication").isEqualTo(412);
        }
    }

    @Test
    void aPublicationThatIsNotRefreshedLapsesAndWatchersAreTold() {
        String ann = user("lapsing");
        String bob = user("lapsewatcher");
        try (SipClient phone = SipClient.udp(); SipClient watcherPhone = SipClient.udp()) {
            availableWithWatcher(ann, bob, phone);
            SipClient.Subscription subscription = watcherPhone.subscription(bob, password(bob), ann);
            assertThat(subscription.subscribe(60).getStatusCode()).isEqualTo(200);
            subscription.awaitNotify(0, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);

            Response published = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "closed", null),
                    "Event: presence", "Expires: 2");
            assertThat(published.getStatusCode()).isEqualTo(200);
            assertThat(published.getExpires().getExpires()).isEqualTo(2);
            Request closed = subscription.awaitNotify(1, n -> shows(n, "closed", "NOT_CONNECTABLE"), WAIT_SECONDS);
            int after = subscription.notifies().indexOf(closed) + 1;
            subscription.awaitNotify(after, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
            assertThat(restState(bob, ann)).isEqualTo("CONNECTABLE");
            assertThat(causes(ann)).contains("publication expired");
            assertThat(phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 60",
                    "SIP-If-Match: " + etag(published)).getStatusCode()).as("a lapsed publication").isEqualTo(412);
        }
    }

    @Test
    void aPhoneRegisteredWithAProfilePublishesForThatProfileOnly() {
        String ann = user("twoprofiles");
        String bob = user("profilewatcher");
        try (SipClient phone = SipClient.udp()) {
            long work = 0;
            for (String name : List.of("home", "work")) {
                HttpResponse<String> created = as(ann).postJson("api/profiles",
                        "{\"name\":\"" + name + "\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                long id = object(created).getJsonNumber("id").longValue();
                assertThat(as(ann).postJson("api/profiles/" + id + "/contacts",
                        "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}").statusCode()).isEqualTo(201);
                if (name.equals("work")) {
                    work = id;
                }
            }
            assertThat(as(ann).postJson("api/terminals", "{\"address\":\"browser-1\"}").statusCode()).isEqualTo(201);
            assertThat(phone.registerWithDigest(ann, password(ann), "SHA-256",
                    "Contact: <" + phone.contact("") + ">;profile=work", "Expires: 300").getStatusCode()).isEqualTo(200);
            assertThat(restState(bob, ann)).isEqualTo("CONNECTABLE");

            Response busy = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(ann, "open", "busy"),
                    "Event: presence", "Expires: 60", "Contact: <" + phone.contact("") + ">");
            assertThat(busy.getStatusCode()).isEqualTo(200);
            assertThat(restState(bob, ann)).as("home is active; the work phone published for work").isEqualTo("CONNECTABLE");

            HttpResponse<String> chosen = as(ann).putJson("api/profiles/" + work + "/choice", "{\"mode\":\"free\"}");
            assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
            assertThat(restState(bob, ann)).as("work is active and busy").isEqualTo("NOT_CONNECTABLE");

            assertThat(as(ann).delete("api/profiles/" + work + "/choice").statusCode()).isEqualTo(204);
            assertThat(restState(bob, ann)).isEqualTo("CONNECTABLE");
        }
    }

    @Test
    void onlyTheUserPublishesTheirOwnStateAndOnlyAboutThemselves() {
        String ann = user("owned");
        String eve = user("intruder");
        try (SipClient phone = SipClient.udp()) {
            availableWithWatcher(ann, eve, phone);
            Response forged = phone.publish(eve, password(eve), ann, PIDF, SipClient.pidf(ann, "closed", null),
                    "Event: presence", "Expires: 60");
            assertThat(forged.getStatusCode()).isEqualTo(403);
            assertThat(restState(eve, ann)).as("nothing changed").isEqualTo("CONNECTABLE");

            Response aboutSomeoneElse = phone.publish(ann, password(ann), ann, PIDF, SipClient.pidf(eve, "closed", null),
                    "Event: presence", "Expires: 60");
            assertThat(aboutSomeoneElse.getStatusCode()).isEqualTo(400);
            assertThat(aboutSomeoneElse.getReasonPhrase()).isEqualTo("PIDF entity is not sip:" + ann + "@" + SipClient.DOMAIN);
            assertThat(restState(eve, ann)).isEqualTo("CONNECTABLE");
        }
    }

    @Test
    void badPublicationsGetTheirRfcAnswers() {
        String ann = user("badpub");
        String doc = SipClient.pidf(ann, "closed", null);
        try (SipClient phone = SipClient.udp()) {
            Response otherPackage = phone.publish(ann, password(ann), ann, PIDF, doc, "Event: dialog", "Expires: 60");
            assertThat(otherPackage.getStatusCode()).isEqualTo(489);
            assertThat(SipClient.header(otherPackage, "Allow-Events")).isEqualTo("presence");
            // JAIN-SIP will not send a PUBLISH without Event, so this one is written by hand; RFC 3903 wants 489 for it
            String noEvent = SipClient.raw("PUBLISH sip:" + ann + "@" + SipClient.DOMAIN + " SIP/2.0",
                    "Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-publish-no-event",
                    "From: <sip:" + ann + "@" + SipClient.DOMAIN + ">;tag=1", "To: <sip:" + ann + "@" + SipClient.DOMAIN + ">",
                    "Call-ID: publish-no-event-" + ann + "@127.0.0.1", "CSeq: 1 PUBLISH", "Max-Forwards: 70",
                    "Expires: 60", "Content-Length: 0", "");
            assertThat(noEvent).startsWith("SIP/2.0 489").containsPattern("(?im)^Allow-Events: presence");

            Response text = phone.publish(ann, password(ann), ann, "text/plain", "closed", "Event: presence", "Expires: 60");
            assertThat(text.getStatusCode()).isEqualTo(415);
            assertThat(SipClient.header(text, "Accept")).isEqualTo(PIDF);

            Response broken = phone.publish(ann, password(ann), ann, PIDF, doc.substring(0, doc.length() / 2),
                    "Event: presence", "Expires: 60");
            assertThat(broken.getStatusCode()).isEqualTo(400);
            assertThat(broken.getReasonPhrase()).startsWith("Malformed PIDF");

            String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE presence [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
                    + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:" + ann + "@" + SipClient.DOMAIN + "\">"
                    + "<tuple id=\"t\"><status><basic>&x;</basic></status></tuple></presence>";
            Response entity = phone.publish(ann, password(ann), ann, PIDF, xxe, "Event: presence", "Expires: 60");
            assertThat(entity.getStatusCode()).isEqualTo(400);
            assertThat(entity.getReasonPhrase()).isEqualTo("PIDF must not have a DOCTYPE");

            Response bare = phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 60");
            assertThat(bare.getStatusCode()).as("no body and no SIP-If-Match").isEqualTo(400);

            Response unknown = phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 60",
                    "SIP-If-Match: no-such-entity-tag");
            assertThat(unknown.getStatusCode()).isEqualTo(412);

            Response brief = phone.publish(ann, password(ann), ann, PIDF, doc, "Event: presence", "Expires: 1");
            assertThat(brief.getStatusCode()).isEqualTo(423);
            assertThat(SipClient.header(brief, "Min-Expires")).isEqualTo("2");

            Response longLived = phone.publish(ann, password(ann), ann, PIDF, doc, "Event: presence", "Expires: 999999");
            assertThat(longLived.getStatusCode()).isEqualTo(200);
            assertThat(longLived.getExpires().getExpires()).as("cut down to liaison.sip.max-expires").isEqualTo(86_400);
            assertThat(phone.publish(ann, password(ann), ann, null, null, "Event: presence", "Expires: 0",
                    "SIP-If-Match: " + etag(longLived)).getStatusCode()).isEqualTo(200);
        }
        String allow = SipClient.raw("OPTIONS sip:" + SipClient.DOMAIN + " SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-publish-options",
                "From: <sip:" + ann + "@" + SipClient.DOMAIN + ">;tag=1", "To: <sip:" + SipClient.DOMAIN + ">",
                "Call-ID: publish-options@127.0.0.1", "CSeq: 1 OPTIONS", "Max-Forwards: 70", "Content-Length: 0", "");
        assertThat(allow).startsWith("SIP/2.0 200");
        assertThat(allow.lines().filter(l -> l.regionMatches(true, 0, "Allow:", 0, 6)).toList().toString()).contains("PUBLISH");
    }
}

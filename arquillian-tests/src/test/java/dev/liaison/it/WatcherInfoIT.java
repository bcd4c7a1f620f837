package dev.liaison.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import static dev.liaison.it.LiaisonClient.array;
import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watcher information over SIP (RFC 3857, RFC 3858): a user subscribes to {@code presence.winfo}
 * of their own address and is told, in full-state watcher-information documents, who waits for
 * their authorisation and who watches them, and how each request was answered.
 */
class WatcherInfoIT extends LiaisonIT {

    private static final int WAIT_SECONDS = 15;
    private static final String WINFO = "presence.winfo";
    private static final String WINFO_TYPE = "application/watcherinfo+xml";
    private static final String NS = "urn:ietf:params:xml:ns:watcherinfo";

    private long profile(String owner) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getJsonNumber("id").longValue();
    }

    private void list(String owner, long profile, String list, String contact) {
        HttpResponse<String> put = as(owner).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"" + list + "\",\"contact\":\"" + contact + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private static String uri(String username) {
        return "sip:" + username + "@" + SipClient.DOMAIN;
    }

    private static Document parse(Request notify) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(SipClient.body(notify).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not a watcher-information document: " + SipClient.body(notify), e);
        }
    }

    /** The watchers a NOTIFY lists, each as "uri status event". */
    private static List<String> watchers(Request notify) {
        NodeList nodes = parse(notify).getElementsByTagNameNS(NS, "watcher");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element watcher = (Element) nodes.item(i);
            all.add(watcher.getTextContent() + " " + watcher.getAttribute("status") + " " + watcher.getAttribute("event"));
        }
        return all;
    }

    private static String idOf(Request notify, String uri) {
        NodeList nodes = parse(notify).getElementsByTagNameNS(NS, "watcher");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element watcher = (Element) nodes.item(i);
            if (watcher.getTextContent().equals(uri)) {
                return watcher.getAttribute("id");
            }
        }
        throw new AssertionError(uri + " is not listed in " + SipClient.body(notify));
    }

    private static String subscriptionState(Request notify) {
        return SipClient.header(notify, "Subscription-State");
    }

    /** Waits for the request of {@code watcher} among those awaiting {@code owner}'s answer; its id. */
    private long awaitRequest(String owner, String watcher) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (JsonObject request : array(as(owner).get("api/authorisations")).getValuesAs(JsonObject.class)) {
                if (request.getString("watcher").equals(watcher)) {
                    return request.getJsonNumber("id").longValue();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request of " + watcher + " awaits " + owner);
    }

    private void answer(String owner, long request, String answer) {
        HttpResponse<String> answered = as(owner).putJson("api/authorisations/" + request, "{\"answer\":\"" + answer + "\"}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    @Test
    void aUserSeesWhoAwaitsTheirAuthorisationAndHowEachAnswerEndedIt() throws InterruptedException {
        String alice = user("winfoowner");
        String bob = user("winfobob");
        String carol = user("winfocarol");
        long home = profile(alice);
        list(alice, home, "AUTHORISATION_REQUIRED", bob);
        list(alice, home, "AUTHORISATION_REQUIRED", carol);
        try (SipClient alicePhone = SipClient.udp(); SipClient bobPhone = SipClient.udp(); SipClient carolPhone = SipClient.tcp()) {
            SipClient.Subscription winfo = alicePhone.subscription(alice, password(alice), alice, WINFO, WINFO_TYPE);
            Response accepted = winfo.subscribe(60);
            assertThat(accepted.getStatusCode()).isEqualTo(200);
            assertThat(accepted.getExpires().getExpires()).isEqualTo(60);
            Request first = winfo.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(SipClient.header(first, "Event")).isEqualTo(WINFO);
            assertThat(SipClient.header(first, "Content-Type")).isEqualTo(WINFO_TYPE);
            assertThat(subscriptionState(first)).startsWith("active;expires=");
            Element root = parse(first).getDocumentElement();
            assertThat(root.getNamespaceURI()).isEqualTo(NS);
            assertThat(root.getAttribute("state")).isEqualTo("full");
            Element list = (Element) root.getElementsByTagNameNS(NS, "watcher-list").item(0);
            assertThat(list.getAttribute("resource")).isEqualTo(uri(alice));
            assertThat(list.getAttribute("package")).isEqualTo("presence");
            assertThat(watchers(first)).isEmpty();

            // bob's subscription waits for alice, and she is told so
            SipClient.Subscription bobWatches = bobPhone.subscription(bob, password(bob), alice);
            assertThat(bobWatches.subscribe(60).getStatusCode()).isEqualTo(200);
            assertThat(subscriptionState(bobWatches.awaitNotify(0, n -> true, WAIT_SECONDS))).startsWith("pending;");
            Request bobPending = winfo.awaitNotify(1, n -> !watchers(n).isEmpty(), WAIT_SECONDS);
            assertThat(watchers(bobPending)).containsExactly(uri(bob) + " pending subscribe");
            String bobId = idOf(bobPending, uri(bob));

            // the subscription is a request alice answers like any other
            answer(alice, awaitRequest(alice, bob), "GRANTED");
            Request bobActive = winfo.awaitNotify(winfo.notifies().indexOf(bobPending) + 1,
                    n -> watchers(n).contains(uri(bob) + " active approved"), WAIT_SECONDS);
            assertThat(watchers(bobActive)).containsExactly(uri(bob) + " active approved");
            assertThat(idOf(bobActive, uri(bob))).as("a watcher keeps their id").isEqualTo(bobId);
            Request bobTold = bobWatches.awaitNotify(1, n -> subscriptionState(n).startsWith("active"), WAIT_SECONDS);
            assertThat(SipClient.body(bobTold)).contains("<lz:connectability>NOT_CONNECTABLE</lz:connectability>");

            // carol is refused: terminated and rejected, once
            SipClient.Subscription carolWatches = carolPhone.subscription(carol, password(carol), alice);
            assertThat(carolWatches.subscribe(60).getStatusCode()).isEqualTo(200);
            Request carolPending = winfo.awaitNotify(0, n -> watchers(n).contains(uri(carol) + " pending subscribe"), WAIT_SECONDS);
            assertThat(watchers(carolPending)).containsExactlyInAnyOrder(uri(bob) + " active approved", uri(carol) + " pending subscribe");
            assertThat(idOf(carolPending, uri(carol))).isNotEqualTo(bobId);
            answer(alice, awaitRequest(alice, carol), "REFUSED");
            Request carolRejected = winfo.awaitNotify(winfo.notifies().indexOf(carolPending) + 1,
                    n -> watchers(n).contains(uri(carol) + " terminated rejected"), WAIT_SECONDS);
            assertThat(watchers(carolRejected)).containsExactlyInAnyOrder(uri(bob) + " active approved",
                    uri(carol) + " terminated rejected");

            // bob leaves: his subscription is over, and carol is no longer mentioned
            int before = winfo.notifies().size();
            assertThat(bobWatches.subscribe(0).getStatusCode()).isEqualTo(200);
            Request bobGone = winfo.awaitNotify(before, n -> watchers(n).contains(uri(bob) + " terminated timeout"), WAIT_SECONDS);
            assertThat(watchers(bobGone)).containsExactly(uri(bob) + " terminated timeout");

            // alice unsubscribes: a last NOTIFY, and the dialog is over
            before = winfo.notifies().size();
            assertThat(winfo.subscribe(0).getStatusCode()).isEqualTo(200);
            Request last = winfo.awaitNotify(before, n -> subscriptionState(n).startsWith("terminated"), WAIT_SECONDS);
            assertThat(subscriptionState(last)).isEqualTo("terminated;reason=timeout");
            assertThat(SipClient.header(last, "Event")).isEqualTo(WINFO);
            assertThat(watchers(last)).isEmpty();
            assertThat(winfo.subscribe(60).getStatusCode()).as("the dialog is over").isEqualTo(481);

            List<String> versions = winfo.notifies().stream().map(n -> parse(n).getDocumentElement().getAttribute("version")).toList();
            List<String> counted = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                counted.add(Integer.toString(i));
            }
            assertThat(versions).as("one version per NOTIFY, from 0").isEqualTo(counted);
        }
    }

    @Test
    void aRequestAskedOverRestIsPendingUntilAnsweredAndARefreshResendsTheList() {
        String alice = user("winforest");
        String dave = user("winfodave");
        profile(alice);
        try (SipClient alicePhone = SipClient.tcp()) {
            SipClient.Subscription winfo = alicePhone.subscription(alice, password(alice), alice, WINFO, null);
            assertThat(winfo.subscribe(60).getStatusCode()).as("no Accept takes the package's type").isEqualTo(200);
            winfo.awaitNotify(0, n -> true, WAIT_SECONDS);

            assertThat(as(dave).postJson("api/authorisations", "{\"target\":\"" + alice + "\"}").statusCode()).isEqualTo(202);
            Request pending = winfo.awaitNotify(1, n -> !watchers(n).isEmpty(), WAIT_SECONDS);
            assertThat(watchers(pending)).containsExactly(uri(dave) + " pending subscribe");

            int before = winfo.notifies().size();
            Response refreshed = winfo.subscribe(60);
            assertThat(refreshed.getStatusCode()).isEqualTo(200);
            Request again = winfo.awaitNotify(before, n -> true, WAIT_SECONDS);
            assertThat(subscriptionState(again)).startsWith("active;expires=");
            assertThat(watchers(again)).containsExactly(uri(dave) + " pending subscribe");
        }
    }

    @Test
    void aStrangersOrADeniedWatchersSubscriptionIsNeitherListedNorARequest() throws InterruptedException {
        String alice = user("winfoshy");
        String bob = user("winfoasker");
        String erin = user("winfostranger");
        String eve = user("winfodenied");
        long home = profile(alice);
        list(alice, home, "AUTHORISATION_REQUIRED", bob);
        list(alice, home, "DENIED", eve);
        try (SipClient alicePhone = SipClient.udp(); SipClient others = SipClient.udp()) {
            SipClient.Subscription winfo = alicePhone.subscription(alice, password(alice), alice, WINFO, WINFO_TYPE);
            assertThat(winfo.subscribe(60).getStatusCode()).isEqualTo(200);
            winfo.awaitNotify(0, n -> true, WAIT_SECONDS);

            SipClient.Subscription stranger = others.subscription(erin, password(erin), alice);
            SipClient.Subscription denied = others.subscription(eve, password(eve), alice);
            assertThat(stranger.subscribe(60).getStatusCode()).isEqualTo(200);
            assertThat(denied.subscribe(60).getStatusCode()).isEqualTo(200);
            assertThat(SipClient.body(stranger.awaitNotify(0, n -> true, WAIT_SECONDS)))
                    .contains("<lz:connectability>UNKNOWN</lz:connectability>");
            assertThat(subscriptionState(stranger.notifies().get(0))).startsWith("active;");

            // bob subscribes after them: the list that names him was read after theirs were stored
            SipClient.Subscription asker = others.subscription(bob, password(bob), alice);
            assertThat(asker.subscribe(60).getStatusCode()).isEqualTo(200);
            Request listed = winfo.awaitNotify(1, n -> !watchers(n).isEmpty(), WAIT_SECONDS);
            assertThat(watchers(listed)).containsExactly(uri(bob) + " pending subscribe");
            awaitRequest(alice, bob);
            assertThat(array(as(alice).get("api/authorisations")).getValuesAs(JsonObject.class))
                    .extracting(r -> r.getString("watcher")).containsExactly(bob);
        }
    }

    @Test
    void onlyTheUserMayKnowWhoWatchesThemAndTheAnswerTellsNothingAboutWhoExists() {
        String alice = user("winfoprivate");
        String bob = user("winfonosy");
        profile(alice);
        try (SipClient phone = SipClient.udp()) {
            Response toAlice = phone.subscription(bob, password(bob), alice, WINFO, WINFO_TYPE).subscribe(60);
            Response toNobody = phone.subscription(bob, password(bob), Names.unique("nobody"), WINFO, WINFO_TYPE).subscribe(60);
            assertThat(toAlice.getStatusCode()).isEqualTo(403);
            assertThat(toNobody.getStatusCode()).isEqualTo(403);
            assertThat(toNobody.getReasonPhrase()).isEqualTo(toAlice.getReasonPhrase());
        }
    }

    @Test
    void aSubscriberThatTakesNoWatcherInfoDocumentIsNotAcceptableAndOtherPackagesAreListed() {
        String alice = user("winfoaccept");
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription pidfOnly = phone.subscription(alice, password(alice), alice, WINFO, "application/pidf+xml");
            Response refused = pidfOnly.subscribe(60);
            assertThat(refused.getStatusCode()).isEqualTo(406);
            assertThat(SipClient.header(refused, "Accept")).isEqualTo(WINFO_TYPE);

            Response other = phone.send(pidfOnly.request(List.of("Event: dialog", "Expires: 60")));
            assertThat(other.getStatusCode()).isEqualTo(489);
            List<String> allowed = new ArrayList<>();
            for (ListIterator<?> it = other.getHeaders("Allow-Events"); it.hasNext(); ) {
                allowed.add(((javax.sip.header.AllowEventsHeader) it.next()).getEventType());
            }
            assertThat(allowed).containsExactlyInAnyOrder("presence", WINFO, "message-summary");
        }
    }

    @Test
    void aWatcherInfoSubscriptionThatIsNotRefreshedEnds() {
        String alice = user("winfoexpiry");
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription winfo = phone.subscription(alice, password(alice), alice, WINFO, WINFO_TYPE);
            assertThat(winfo.subscribe(2).getStatusCode()).isEqualTo(200);
            Request last = winfo.awaitNotify(1, n -> subscriptionState(n).startsWith("terminated"), WAIT_SECONDS);
            assertThat(subscriptionState(last)).isEqualTo("terminated;reason=timeout");
            assertThat(winfo.notifies()).hasSize(2);
        }
    }
}

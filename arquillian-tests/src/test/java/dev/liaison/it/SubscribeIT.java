package dev.liaison.it;

import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence subscriptions over SIP (RFC 6665, RFC 3856): a digest-authenticated SUBSCRIBE gets 200
 * and a NOTIFY with a PIDF document of the connectability the subscriber may see, then a NOTIFY
 * per committed change, and a terminated NOTIFY when it unsubscribes or lets it expire. The server
 * runs with a minimum expiry of 2 s (arquillian.xml).
 */
class SubscribeIT extends LiaisonIT {

    private static final int WAIT_SECONDS = 15;

    private long profile(String owner, String name) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"" + name + "\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getJsonNumber("id").longValue();
    }

    private void list(String owner, long profile, String list, String contact) {
        HttpResponse<String> put = as(owner).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"" + list + "\",\"contact\":\"" + contact + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private static boolean shows(Request notify, String basic, String state) {
        String body = SipClient.body(notify);
        return body.contains("<basic>" + basic + "</basic>") && body.contains("<lz:connectability>" + state + "</lz:connectability>");
    }

    private static String subscriptionState(Request notify) {
        return SipClient.header(notify, "Subscription-State");
    }

    @Test
    void anAuthorisedWatcherIsToldEachChangeAndTheEndOfItsSubscription() {
        String ann = user("presentity");
        String bob = user("watcher");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(bob, password(bob), ann);
            Response accepted = subscription.subscribe(60);
            assertThat(accepted.getStatusCode()).isEqualTo(200);
            assertThat(accepted.getExpires().getExpires()).isEqualTo(60);

            Request first = subscription.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(SipClient.header(first, "Event")).isEqualTo("presence");
            assertThat(SipClient.header(first, "Content-Type")).isEqualTo("application/pidf+xml");
            assertThat(subscriptionState(first)).startsWith("active;expires=");
            assertThat(SipClient.body(first)).contains("entity=\"sip:" + ann + "@" + SipClient.DOMAIN + "\"");
            assertThat(shows(first, "closed", "NOT_CONNECTABLE")).as(SipClient.body(first)).isTrue();

            HttpResponse<String> connected = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"browser-1\"}");
            assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
            Request open = subscription.awaitNotify(1, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
            assertThat(subscriptionState(open)).startsWith("active");

            int before = subscription.notifies().size();
            Response ended = subscription.subscribe(0);
            assertThat(ended.getStatusCode()).isEqualTo(200);
            Request last = subscription.awaitNotify(before, n -> subscriptionState(n).startsWith("terminated"), WAIT_SECONDS);
            assertThat(subscriptionState(last)).isEqualTo("terminated;reason=timeout");
            assertThat(shows(last, "open", "CONNECTABLE")).isTrue();

            assertThat(subscription.subscribe(60).getStatusCode()).as("the dialog is over").isEqualTo(481);
        }
    }

    @Test
    void aDeniedWatcherAHiddenStateAndANonexistentUserGiveTheSameUnknownDocument() {
        String ann = user("hider");
        String eve = user("deniedwatcher");
        String nobody = Names.unique("nobody");
        long home = profile(ann, "home");
        list(ann, home, "DENIED", eve);
        try (SipClient phone = SipClient.tcp()) {
            SipClient.Subscription denied = phone.subscription(eve, password(eve), ann);
            SipClient.Subscription missing = phone.subscription(eve, password(eve), nobody);
            assertThat(denied.subscribe(60).getStatusCode()).isEqualTo(200);
            assertThat(missing.subscribe(60).getStatusCode()).as("never 404 for a user who does not exist").isEqualTo(200);

            Request toDenied = denied.awaitNotify(0, n -> true, WAIT_SECONDS);
            Request toMissing = missing.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(shows(toDenied, "closed", "UNKNOWN")).as(SipClient.body(toDenied)).isTrue();
            assertThat(SipClient.body(toMissing).replace(nobody, "X")).isEqualTo(SipClient.body(toDenied).replace(ann, "X"));
            assertThat(subscriptionState(toMissing).replaceAll("expires=\\d+", ""))
                    .isEqualTo(subscriptionState(toDenied).replaceAll("expires=\\d+", ""));

            String bob = user("hiddenwatcher");
            list(ann, home, "AUTHORISED", bob);
            HttpResponse<String> hidden = as(ann).postJson("api/profiles/" + home + "/modes", "{\"name\":\"hidden\",\"state\":\"UNKNOWN\"}");
            assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(201);
            HttpResponse<String> chosen = as(ann).putJson("api/profiles/" + home + "/choice", "{\"mode\":\"hidden\"}");
            assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
            SipClient.Subscription trusted = phone.subscription(bob, password(bob), ann);
            assertThat(trusted.subscribe(60).getStatusCode()).isEqualTo(200);
            Request toTrusted = trusted.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(SipClient.body(toTrusted)).isEqualTo(SipClient.body(toDenied));
        }
    }

    @Test
    void aRefreshExtendsTheSubscriptionAndIsAnsweredWithTheCurrentState() throws InterruptedException {
        String ann = user("refreshed");
        String bob = user("refresher");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(bob, password(bob), ann);
            assertThat(subscription.subscribe(2).getStatusCode()).isEqualTo(200);
            subscription.awaitNotify(0, n -> true, WAIT_SECONDS);
            Response refreshed = subscription.subscribe(60);
            assertThat(refreshed.getStatusCode()).isEqualTo(200);
            assertThat(refreshed.getExpires().getExpires()).isEqualTo(60);
            Request current = subscription.awaitNotify(1, n -> true, WAIT_SECONDS);
            assertThat(subscriptionState(current)).startsWith("active;expires=");
            assertThat(Integer.parseInt(subscriptionState(current).replaceAll(".*expires=", ""))).isGreaterThan(50);
            Thread.sleep(3000);
            assertThat(subscription.notifies()).as("past the first expiry, the subscription lives on")
                    .allSatisfy(n -> assertThat(subscriptionState(n)).startsWith("active"));
        }
    }

    @Test
    void changesInQuickSuccessionAreSentAtMostOncePerIntervalAndTheLastStateWins() throws InterruptedException {
        String ann = user("flapping");
        String bob = user("flapwatcher");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(bob, password(bob), ann);
            assertThat(subscription.subscribe(60).getStatusCode()).isEqualTo(200);
            subscription.awaitNotify(0, n -> shows(n, "closed", "NOT_CONNECTABLE"), WAIT_SECONDS);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> connected = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"flap-" + i + "\"}");
                assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
                assertThat(as(ann).delete("api/terminals/" + object(connected).getJsonNumber("id").longValue()).statusCode())
                        .isEqualTo(204);
            }
            HttpResponse<String> last = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"flap-last\"}");
            assertThat(last.statusCode()).as(last.body()).isEqualTo(201);

            subscription.awaitNotify(1, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
            Thread.sleep(2500); // a change held back by the interval goes out within it
            List<Long> arrivals = subscription.arrivals();
            for (int i = 1; i < arrivals.size(); i++) {
                assertThat((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000).as("ms between NOTIFY " + (i - 1) + " and " + i)
                        .isGreaterThanOrEqualTo(900);
            }
            List<Request> notifies = subscription.notifies();
            assertThat(shows(notifies.get(notifies.size() - 1), "open", "CONNECTABLE")).as("the latest state is the last sent").isTrue();
        }
    }

    @Test
    void aPublicWatcherOfAnOpenProfileInNoListIsToldChangesToo() {
        String ann = user("openpresentity");
        String dave = user("publicwatcher");
        HttpResponse<String> created = as(ann).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\",\"visibility\":\"OPEN\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(dave, password(dave), ann);
            assertThat(subscription.subscribe(60).getStatusCode()).isEqualTo(200);
            Request first = subscription.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(shows(first, "closed", "NOT_CONNECTABLE")).as(SipClient.body(first)).isTrue();

            HttpResponse<String> connected = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"browser-1\"}");
            assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
            subscription.awaitNotify(1, n -> shows(n, "open", "CONNECTABLE"), WAIT_SECONDS);
        }
    }

    @Test
    void aWatcherWhoseAuthorisationIsRequiredIsPending() {
        String ann = user("asker");
        String carol = user("pendingwatcher");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISATION_REQUIRED", carol);
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(carol, password(carol), ann);
            assertThat(subscription.subscribe(60).getStatusCode()).isEqualTo(200);
            Request notify = subscription.awaitNotify(0, n -> true, WAIT_SECONDS);
            assertThat(subscriptionState(notify)).startsWith("pending;expires=");
            assertThat(shows(notify, "closed", "SUBJECT_TO_AUTHORISATION")).as(SipClient.body(notify)).isTrue();
        }
    }

    @Test
    void aSubscriptionThatIsNotRefreshedEndsWithATerminatedNotify() {
        String ann = user("expiring");
        String bob = user("expiringwatcher");
        long home = profile(ann, "home");
        list(ann, home, "AUTHORISED", bob);
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(bob, password(bob), ann);
            Response accepted = subscription.subscribe(2);
            assertThat(accepted.getStatusCode()).isEqualTo(200);
            assertThat(accepted.getExpires().getExpires()).isEqualTo(2);
            Request last = subscription.awaitNotify(1, n -> subscriptionState(n).startsWith("terminated"), WAIT_SECONDS);
            assertThat(subscriptionState(last)).isEqualTo("terminated;reason=timeout");
            assertThat(subscription.notifies()).hasSize(2);
        }
    }

    @Test
    void anotherEventPackageIsABadEventAndAMissingEventIsABadRequest() {
        String bob = user("badevent");
        try (SipClient phone = SipClient.udp()) {
            SipClient.Subscription subscription = phone.subscription(bob, password(bob), "someone");
            Response other = phone.send(subscription.request(List.of("Event: dialog", "Expires: 60")));
            assertThat(other.getStatusCode()).isEqualTo(489);
            assertThat(SipClient.header(other, "Allow-Events")).isEqualTo("presence");
            Response none = phone.send(subscription.request(List.of("Expires: 60")));
            assertThat(none.getStatusCode()).isEqualTo(400);
            Response unauthenticated = phone.send(subscription.request(List.of("Event: presence", "Expires: 60")));
            assertThat(unauthenticated.getStatusCode()).isEqualTo(401);
        }
    }
}

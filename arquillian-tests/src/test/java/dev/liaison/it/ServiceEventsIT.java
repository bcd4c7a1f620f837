package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service event bus over its REST interface, with real webhooks: an administrator registers
 * services, each connects with its own account, declares what it emits and subscribes to, and
 * receives CloudEvents pushes signed as Standard Webhooks (checked by the receiver with its own
 * HMAC), in order, retried after a failure, kept while it is away, or pulled and acknowledged.
 */
class ServiceEventsIT extends LiaisonIT {

    private final List<WebhookReceiver> receivers = new java.util.ArrayList<>();

    /** A registered service: its name, its own client and its webhook secret. */
    private record Service(String name, LiaisonClient client, String secret) {
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver(Service service) {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.trust(service.secret());
        receivers.add(receiver);
        return receiver;
    }

    private LiaisonClient admin() {
        return LiaisonClient.as(base, "admin", "admin");
    }

    private Service register(String prefix, String provider) {
        String name = Names.unique(prefix);
        HttpResponse<String> created = admin().postJson("api/services", "{\"name\":\"" + name + "\",\"provider\":\"" + provider
                + "\",\"actions\":[\"forecast\",\"alert\"],\"serviceClass\":\"gold\",\"endpoint\":\"https://weather.example/api\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject body = object(created);
        assertThat(body.getString("account")).isEqualTo(name + "@service");
        return new Service(name, LiaisonClient.as(base, body.getString("account"), body.getString("password")),
                body.getString("webhookSecret"));
    }

    private static String list(String... types) {
        return String.join(",", java.util.Arrays.stream(types).map(t -> "\"" + t + "\"").toList());
    }

    private void connect(Service service, WebhookReceiver receiver, String[] emits, String... subscribes) {
        HttpResponse<String> connected = service.client().putJson("api/services/" + service.name() + "/connection",
                "{" + (receiver == null ? "" : "\"webhook\":\"" + receiver.url() + "\",") + "\"emits\":[" + list(emits)
                        + "],\"subscribes\":[" + list(subscribes) + "]}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(object(connected).getBoolean("connected")).isTrue();
    }

    private void disconnect(Service service) {
        HttpResponse<String> gone = service.client().delete("api/services/" + service.name() + "/connection");
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(204);
    }

    private void emit(Service service, String type, String subject, String data) {
        HttpResponse<String> emitted = service.client().postJson("api/services/" + service.name() + "/events",
                "{\"type\":\"" + type + "\",\"subject\":\"" + subject + "\",\"data\":" + data + "}");
        assertThat(emitted.statusCode()).as(emitted.body()).isEqualTo(202);
    }

    private JsonObject pull(Service service, String query) {
        HttpResponse<String> page = service.client().get("api/services/" + service.name() + "/notifications" + query);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return object(page);
    }

    private static List<Long> seqs(JsonObject page) {
        return page.getJsonArray("notifications").stream().map(n -> n.asJsonObject().getJsonNumber("liaisonseq").longValue()).toList();
    }

    private static String type(String name) {
        return "com.example." + name + ".alert";
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(object(response).getString("detail")).contains(detail);
    }

    @Test
    void theLastEmitterLeavingMakesTheTypeUnavailableToSubscribersAndItsReturnAvailable() {
        Service weather = register("weather", "acme");
        Service backup = register("weather2", "acme");
        Service follower = register("follower", "globex");
        String alert = type(weather.name());
        WebhookReceiver hook = receiver(follower);
        connect(follower, hook, new String[0], alert);

        connect(weather, null, new String[]{alert});
        connect(backup, null, new String[]{alert});
        disconnect(weather);
        disconnect(backup);
        connect(backup, null, new String[]{alert});

        List<WebhookReceiver.Push> taken = hook.awaitTaken(3);
        assertThat(taken).extracting(WebhookReceiver.Push::type).containsExactly(
                "liaison.events.available", "liaison.events.unavailable", "liaison.events.available");
        assertThat(taken).allSatisfy(p -> {
            assertThat(p.signed()).isTrue();
            assertThat(p.event().getString("subject")).isEqualTo(alert);
            assertThat(p.event().getJsonObject("data").getString("type")).isEqualTo(alert);
            assertThat(p.event().getString("specversion")).isEqualTo("1.0");
            assertThat(p.event().getString("id")).isEqualTo(p.webhookId());
        });
        assertThat(taken).extracting(WebhookReceiver.Push::seq).containsExactly(1L, 2L, 3L);

        HttpResponse<String> found = follower.client().get("api/services?name=" + backup.name() + "&provider=acme");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonObject reference = LiaisonClient.array(found).getJsonObject(0);
        assertThat(reference.getString("name")).isEqualTo(backup.name());
        assertThat(reference.getString("endpoint")).isEqualTo("https://weather.example/api");
        assertThat(reference.getBoolean("connected")).isTrue();
        assertThat(LiaisonClient.array(admin().get("api/services?name=" + backup.name() + "&provider=globex"))).isEmpty();
    }

    @Test
    void eventsArePushedSignedAndInOrderAndARefusedPushIsRetriedAfterRetryAfter() {
        Service weather = register("weather", "acme");
        Service follower = register("follower", "globex");
        String alert = type(weather.name());
        WebhookReceiver hook = receiver(follower);
        hook.answer(new WebhookReceiver.Answer(503, "1"));
        connect(follower, hook, new String[0], alert);
        connect(weather, null, new String[]{alert});
        for (int i = 1; i <= 8; i++) {
            emit(weather, alert, "storm-" + i, "{\"level\":" + i + "}");
        }

        List<WebhookReceiver.Push> taken = hook.awaitTaken(9);
        assertThat(taken).extracting(WebhookReceiver.Push::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 9).boxed().toList());
        assertThat(taken.subList(1, 9)).extracting(p -> p.event().getJsonObject("data").getInt("level"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(taken.get(1).event().getString("source")).isEqualTo("/liaison/services/" + weather.name());
        assertThat(taken.get(1).event().getString("subject")).isEqualTo("storm-1");
        List<WebhookReceiver.Push> all = hook.pushes();
        assertThat(all.get(0).answered()).as("the first push was refused").isEqualTo(503);
        assertThat(all.get(1).webhookId()).as("and the same notification came again").isEqualTo(all.get(0).webhookId());
        assertThat(Long.parseLong(all.get(1).timestamp()) - Long.parseLong(all.get(0).timestamp()))
                .as("not before Retry-After").isGreaterThanOrEqualTo(1);
        assertThat(all).as("nothing after it went before it was taken").hasSize(10);
        assertThat(all).allSatisfy(p -> assertThat(p.signed()).isTrue());
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneAndGoneDisconnects() {
        Service weather = register("weather", "acme");
        Service follower = register("follower", "globex");
        String alert = type(weather.name());
        WebhookReceiver hook = receiver(follower);
        connect(follower, hook, new String[0], alert);
        connect(weather, null, new String[]{alert});
        hook.awaitTaken(1);

        HttpResponse<String> rotated = follower.client().postJson("api/services/" + follower.name() + "/secret", "{}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String fresh = object(rotated).getString("webhookSecret");
        hook.trust(fresh);
        hook.answer(new WebhookReceiver.Answer(410, null));
        emit(weather, alert, "after-rotation", "{}");

        WebhookReceiver.Push second = hook.awaitPushes(2).get(1);
        assertThat(second.signatures().split(" ")).as("signed with both secrets").hasSize(2);
        assertThat(WebhookReceiver.signedWith(fresh, second.webhookId(), second.timestamp(), second.body(), second.signatures()))
                .as("by the new secret").isTrue();
        assertThat(WebhookReceiver.signedWith(follower.secret(), second.webhookId(), second.timestamp(), second.body(),
                second.signatures())).as("and by the old one").isTrue();
        assertThat(second.answered()).isEqualTo(410);

        // 410 Gone: the service is disconnected, and what it did not take waits for it
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (object(admin().get("api/services/" + follower.name())).getBoolean("connected")) {
            assertThat(System.nanoTime()).as("disconnected after 410").isLessThan(deadline);
            pause();
        }
        JsonObject waiting = pull(follower, "");
        assertThat(seqs(waiting)).containsExactly(2L);
        assertThat(waiting.getJsonArray("notifications").getJsonObject(0).getString("id")).isEqualTo(second.webhookId());
    }

    @Test
    void whatIsEmittedWhileASubscriberIsAwayReachesItInOrderWhenItReconnects() {
        Service weather = register("weather", "acme");
        Service follower = register("follower", "globex");
        String alert = type(weather.name());
        WebhookReceiver hook = receiver(follower);
        connect(follower, hook, new String[0], alert);
        connect(weather, null, new String[]{alert});
        hook.awaitTaken(1);
        disconnect(follower);

        for (int i = 1; i <= 4; i++) {
            emit(weather, alert, "away-" + i, "{\"n\":" + i + "}");
        }
        JsonObject kept = pull(follower, "");
        assertThat(seqs(kept)).as("kept for it, in order").containsExactly(2L, 3L, 4L, 5L);
        assertThat(hook.pushes()).as("nothing pushed while away").hasSize(1);

        connect(follower, hook, new String[0], alert);
        List<WebhookReceiver.Push> taken = hook.awaitTaken(5);
        assertThat(taken).extracting(WebhookReceiver.Push::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(taken.subList(1, 5)).extracting(WebhookReceiver.Push::webhookId).as("the ids a pull showed")
                .containsExactlyElementsOf(kept.getJsonArray("notifications").stream().map(n -> n.asJsonObject().getString("id")).toList());
    }

    @Test
    void aServiceThatOnlyPullsReadsFromACursorAndLosesNothingUntilItAcknowledges() {
        Service weather = register("weather", "acme");
        Service puller = register("puller", "globex");
        String alert = type(weather.name());
        connect(puller, null, new String[0], alert);
        connect(weather, null, new String[]{alert});
        for (int i = 1; i <= 5; i++) {
            emit(weather, alert, "p-" + i, "[" + i + "]");
        }

        JsonObject first = pull(puller, "?max=3");
        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.getJsonNumber("last").longValue()).isEqualTo(6);
        assertThat(seqs(pull(puller, "?max=3"))).as("reading acknowledges nothing").containsExactly(1L, 2L, 3L);
        assertThat(seqs(pull(puller, "?after=3&max=2"))).containsExactly(4L, 5L);

        HttpResponse<String> ack = puller.client().postJson("api/services/" + puller.name() + "/notifications/ack", "{\"upTo\":3}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(204);
        JsonObject rest = pull(puller, "");
        assertThat(seqs(rest)).containsExactly(4L, 5L, 6L);
        assertThat(rest.getJsonNumber("acknowledged").longValue()).isEqualTo(3);
        assertThat(rest.getJsonArray("notifications").getJsonObject(2).getJsonArray("data").getInt(0)).isEqualTo(5);
        assertThat(seqs(pull(puller, "?after=1"))).as("an old cursor starts after the acknowledgement").containsExactly(4L, 5L, 6L);

        assertProblem(puller.client().postJson("api/services/" + puller.name() + "/notifications/ack", "{\"upTo\":7}"), 400,
                "upTo 7 is past the last notification (6)");
        assertThat(puller.client().postJson("api/services/" + puller.name() + "/notifications/ack", "{\"upTo\":6}").statusCode())
                .isEqualTo(204);
        assertThat(seqs(pull(puller, ""))).isEmpty();
    }

    @Test
    void badRequestsGetSpecificProblemsAndAServiceActsOnlyOnItself() {
        Service weather = register("weather", "acme");
        Service other = register("other", "acme");
        connect(weather, null, new String[]{type(weather.name())});

        assertProblem(weather.client().postJson("api/services/" + weather.name() + "/events",
                "{\"type\":\"com.example.undeclared\",\"data\":{}}"), 400, "did not declare that it emits 'com.example.undeclared'");
        assertProblem(weather.client().putJson("api/services/" + weather.name() + "/connection",
                "{\"emits\":[\"liaison.presence.changed\"]}"), 400, "Liaison's own namespace");
        assertProblem(weather.client().putJson("api/services/" + weather.name() + "/connection",
                "{\"webhook\":\"ftp://x\",\"subscribes\":[\"Not A Type\"]}"), 400, "webhook must be an absolute http or https URL");
        assertProblem(admin().postJson("api/services", "{\"name\":\"" + weather.name() + "\",\"provider\":\"acme\"}"), 409,
                "is registered already");
        assertProblem(admin().postJson("api/services", "{\"name\":\"X!\",\"provider\":\"acme\"}"), 400, "name must be");
        assertThat(weather.client().delete("api/services/" + other.name() + "/connection").statusCode()).isEqualTo(403);
        assertThat(as(user("evplain")).postJson("api/services", "{\"name\":\"mine\",\"provider\":\"me\"}").statusCode()).isEqualTo(403);
        assertThat(weather.client().get("api/users").statusCode()).as("a service account is no user").isEqualTo(403);
    }

    @Test
    void aSubscribedServiceFollowsPresenceChangesMadeOverRest() {
        Service follower = register("presencefan", "globex");
        WebhookReceiver hook = receiver(follower);
        connect(follower, hook, new String[0], "liaison.presence.changed");
        String ann = user("evann");
        String bob = user("evbob");
        homeProfileAuthorising(ann, bob);

        HttpResponse<String> terminal = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"browser-1\"}");
        assertThat(terminal.statusCode()).as(terminal.body()).isEqualTo(201);

        List<WebhookReceiver.Push> taken = hook.awaitTaken(t -> t.stream().anyMatch(p -> isConnectable(p, ann, bob)),
                Duration.ofSeconds(20), ann + " connectable for " + bob);
        WebhookReceiver.Push change = taken.stream().filter(p -> isConnectable(p, ann, bob)).findFirst().orElseThrow();
        assertThat(change.type()).isEqualTo("liaison.presence.changed");
        assertThat(change.event().getString("source")).isEqualTo("/liaison/presence");
        assertThat(change.event().getJsonObject("data").keySet()).doesNotContain("reason", "cause");
        assertThat(change.signed()).isTrue();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isConnectable(WebhookReceiver.Push push, String contact, String watcher) {
        JsonObject data = push.event().getJsonObject("data");
        return push.type().equals("liaison.presence.changed") && contact.equals(push.event().getString("subject"))
                && data.getValueType() == JsonValue.ValueType.OBJECT && watcher.equals(data.getString("watcher", null))
                && "CONNECTABLE".equals(data.getString("state", null));
    }
}

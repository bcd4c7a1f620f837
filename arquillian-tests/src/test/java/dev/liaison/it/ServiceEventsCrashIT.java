package dev.liaison.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event bus's pushes survive a {@code kill -9}: the notifications are in the database, and a
 * restarted server pushes every one that was not taken, in order. These tests run their own server
 * ({@link ServerProcess}), which they kill and restart.
 */
class ServiceEventsCrashIT {

    private static ServerProcess server;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    private record Service(String name, LiaisonClient client, String secret) {
    }

    @BeforeAll
    static void startServer() {
        server = ServerProcess.fresh(Map.of());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void serverUp() {
        if (!server.running()) {
            server.start();
        }
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    private static Service register(String prefix) {
        String name = Names.unique(prefix);
        HttpResponse<String> created = LiaisonClient.as(server.base(), "admin", "admin").postJson("api/services",
                "{\"name\":\"" + name + "\",\"provider\":\"acme\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject body = object(created);
        return new Service(name, LiaisonClient.as(server.base(), body.getString("account"), body.getString("password")),
                body.getString("webhookSecret"));
    }

    private static void connect(Service service, String json) {
        HttpResponse<String> connected = service.client().putJson("api/services/" + service.name() + "/connection", json);
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
    }

    private WebhookReceiver follow(Service follower, String type) {
        WebhookReceiver hook = new WebhookReceiver();
        receivers.add(hook);
        hook.trust(follower.secret());
        connect(follower, "{\"webhook\":\"" + hook.url() + "\",\"subscribes\":[\"" + type + "\"]}");
        return hook;
    }

    private static void emit(Service emitter, String type, int n) {
        HttpResponse<String> emitted = emitter.client().postJson("api/services/" + emitter.name() + "/events",
                "{\"type\":\"" + type + "\",\"subject\":\"e-" + n + "\",\"data\":{\"n\":" + n + "}}");
        assertThat(emitted.statusCode()).as(emitted.body()).isEqualTo(202);
    }

    @Test
    void notificationsAServiceRefusedBeforeAKillArePushedInOrderAfterTheRestart() {
        Service weather = register("crashweather");
        Service follower = register("crashfollower");
        String type = "com.example." + weather.name() + ".alert";
        WebhookReceiver hook = new WebhookReceiver();
        receivers.add(hook);
        hook.trust(follower.secret());
        for (int i = 0; i < 1000; i++) {
            hook.answer(new WebhookReceiver.Answer(503, null));
        }
        connect(follower, "{\"webhook\":\"" + hook.url() + "\",\"subscribes\":[\"" + type + "\"]}");
        connect(weather, "{\"emits\":[\"" + type + "\"]}");
        for (int n = 1; n <= 5; n++) {
            emit(weather, type, n);
        }
        hook.awaitPushes(2);
        assertThat(hook.taken()).as("the service refused every push so far").isEmpty();

        server.kill();
        hook.clearAnswers();
        server.start();

        List<WebhookReceiver.Push> taken = hook.awaitTaken(6, Duration.ofSeconds(60));
        assertThat(taken).extracting(WebhookReceiver.Push::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(taken.subList(1, 6)).extracting(p -> p.event().getJsonObject("data").getInt("n")).containsExactly(1, 2, 3, 4, 5);
        assertThat(hook.pushes()).allSatisfy(p -> assertThat(p.signed()).isTrue());
    }

    @Test
    void aKillWhilePushingLosesNoNotificationAndKeepsTheirOrder() {
        Service weather = register("crashweather");
        Service follower = register("crashfollower");
        String type = "com.example." + weather.name() + ".alert";
        WebhookReceiver hook = follow(follower, type);
        hook.slowBy(Duration.ofMillis(100));
        connect(weather, "{\"emits\":[\"" + type + "\"]}");
        int events = 40;
        for (int n = 1; n <= events; n++) {
            emit(weather, type, n);
        }
        hook.awaitTaken(5);
        server.kill();
        int before = hook.taken().size();
        assertThat(before).as("the kill must interrupt the pushes, or it proves nothing").isLessThan(events + 1);
        hook.slowBy(Duration.ZERO);

        server.start();
        List<WebhookReceiver.Push> taken = hook.awaitTaken(t -> t.stream().anyMatch(p -> p.seq() == events + 1),
                Duration.ofSeconds(60), "the last notification");
        // at least once: the push under way at the kill may come again, under the same id, and nothing overtakes it
        Map<Long, String> ids = new LinkedHashMap<>();
        long previous = 0;
        for (WebhookReceiver.Push push : taken) {
            assertThat(push.seq()).as("in order").isBetween(previous, previous + 1);
            String id = ids.putIfAbsent(push.seq(), push.webhookId());
            assertThat(id == null || id.equals(push.webhookId())).as("a notification pushed again keeps its id").isTrue();
            previous = push.seq();
        }
        assertThat(ids.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, events + 1).boxed().toList());
        assertThat(taken.size() - ids.size()).as("pushed twice: at most the one under way at the kill").isLessThanOrEqualTo(1);
    }
}

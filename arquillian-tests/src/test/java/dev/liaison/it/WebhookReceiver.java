package dev.liaison.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A service's webhook, as a service would write one: a JDK HTTP server on loopback that checks
 * the Standard Webhooks signature of every push against the secrets it knows (its own HMAC, not
 * Liaison's code), keeps what it accepted in arrival order, and answers as told (by default 204).
 */
final class WebhookReceiver implements AutoCloseable {

    /** A push as it arrived: its headers, its CloudEvent, and whether a known secret signed it. */
    record Push(String webhookId, String timestamp, String signatures, String body, JsonObject event, boolean signed, int answered) {

        long seq() {
            return event.getJsonNumber("liaisonseq").longValue();
        }

        String type() {
            return event.getString("type");
        }
    }

    /** An answer to give instead of 204: a status and a Retry-After (or null). */
    record Answer(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final List<Push> pushes = new ArrayList<>();
    private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();
    private volatile List<String> secrets = List.of();
    private volatile Duration delay = Duration.ZERO;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secrets (whsec_…) this receiver accepts signatures of. */
    void trust(String... known) {
        secrets = List.of(known);
    }

    /** The next pushes get these answers, in order, before the default 204. */
    void answer(Answer... next) {
        answers.addAll(List.of(next));
    }

    /** Forgets the answers not given yet: every push from now on gets 204. */
    void clearAnswers() {
        answers.clear();
    }

    /** Each answer waits this long first, as a slow service's would. */
    void slowBy(Duration delay) {
        this.delay = delay;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean signed = verifies(id, timestamp, body, signatures);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer = signed ? answers.poll() : new Answer(401, null);
        int status = answer == null ? 204 : answer.status();
        JsonObject event;
        try (var reader = Json.createReader(new StringReader(body))) {
            event = reader.readObject();
        }
        synchronized (pushes) {
            pushes.add(new Push(id, timestamp, signatures, body, event, signed, status));
            pushes.notifyAll();
        }
        if (answer != null && answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Whether one of the space-separated {@code v1,} signatures is the HMAC of {@code id.timestamp.body} with a known secret. */
    private boolean verifies(String id, String timestamp, String body, String signatures) {
        return secrets.stream().anyMatch(secret -> signedWith(secret, id, timestamp, body, signatures));
    }

    /** Whether one of the space-separated {@code v1,} signatures is the HMAC of {@code id.timestamp.body} with {@code secret}. */
    static boolean signedWith(String secret, String id, String timestamp, String body, String signatures) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    static byte[] hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every push so far, in arrival order. */
    List<Push> pushes() {
        synchronized (pushes) {
            return List.copyOf(pushes);
        }
    }

    /** The pushes it took (answered 2xx), in order. */
    List<Push> taken() {
        return pushes().stream().filter(p -> p.answered() / 100 == 2).toList();
    }

    /** Waits until the pushes taken satisfy {@code done}; fails after {@code timeout}. */
    List<Push> awaitTaken(Predicate<List<Push>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pushes) {
            while (true) {
                List<Push> taken = taken();
                if (done.test(taken)) {
                    return taken;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out waiting for " + what + "; pushes so far: " + pushes());
                }
                try {
                    pushes.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits until {@code count} pushes arrived, taken or not, and returns them all. */
    List<Push> awaitPushes(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        synchronized (pushes) {
            while (pushes.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out waiting for " + count + " pushes; so far: " + pushes);
                }
                try {
                    pushes.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return List.copyOf(pushes);
        }
    }

    /** Waits until {@code count} pushes were taken, and returns them. */
    List<Push> awaitTaken(int count) {
        return awaitTaken(count, Duration.ofSeconds(20));
    }

    List<Push> awaitTaken(int count, Duration timeout) {
        return awaitTaken(t -> t.size() >= count, timeout, count + " pushes");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

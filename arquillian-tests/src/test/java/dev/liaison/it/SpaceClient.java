package dev.liaison.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A participant's connection to a collaboration space, as the join page's script opens it. */
public final class SpaceClient implements AutoCloseable {

    private final WebSocket socket;
    private final List<JsonObject> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private SpaceClient(URL base, String sessionId) {
        String http = base.toExternalForm();
        URI uri = URI.create(http.replaceFirst("^http", "ws") + (http.endsWith("/") ? "" : "/") + "join/" + sessionId + "/space");
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new Listener()).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + uri + ": " + e, e);
        }
    }

    /** Connects and says hello with the credential of a personal join link. */
    public static SpaceClient enter(URL base, String joinLink) {
        var matcher = java.util.regex.Pattern.compile("/join/([^/?]+)\\?credential=(\\S+)").matcher(joinLink);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a join link: " + joinLink);
        }
        SpaceClient client = new SpaceClient(base, matcher.group(1));
        client.send("{\"type\":\"hello\",\"credential\":\"" + matcher.group(2) + "\"}");
        return client;
    }

    public static SpaceClient connect(URL base, String sessionId) {
        return new SpaceClient(base, sessionId);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Waits for the first frame received so far or later that matches, and returns it. */
    public JsonObject await(Predicate<JsonObject> which, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (frames) {
            while (true) {
                for (JsonObject frame : frames) {
                    if (which.test(frame)) {
                        return frame;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("no matching frame within " + timeout + "; received " + frames);
                }
                try {
                    frames.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public JsonObject await(String type, Duration timeout) {
        return await(f -> type.equals(f.getString("type", "")), timeout);
    }

    public List<JsonObject> received() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** The close code the server sent, waiting for it. */
    public int closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the connection within " + timeout + "; received " + received());
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject frame;
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    frame = reader.readObject();
                }
                partial.setLength(0);
                synchronized (frames) {
                    frames.add(frame);
                    frames.notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}

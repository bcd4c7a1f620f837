package dev.liaison.presence.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /liaison/presence/stream}: the states of the contacts the caller follows, pushed as they
 * change. On connecting the caller gets one frame per followed contact with the current state, then
 * one per change: {@code {"contact":"ann","state":"CONNECTABLE","at":"2026-01-05T09:00:00Z"}}. A contact
 * who transfers calls and trusts the caller adds where to:
 * {@code {"contact":"ann","state":"IN_TRANSFER","transferKind":"MOBILE","transferAddress":"+33…","at":…}}.
 *
 * <p>The handshake is authenticated by {@link dev.liaison.platform.boundary.PresenceStreamFilter}:
 * HTTP Basic for services, the portal's login session for web pages. The stream only sends.
 */
@ServerEndpoint("/presence/stream")
public class PresenceStreamEndpoint {

    private static final Logger LOG = Logger.getLogger(PresenceStreamEndpoint.class.getName());
    private static final String LISTENER = "presence.listener";
    private static final String WATCHER = "presence.watcher";

    @Inject
    PresenceSubscribers subscribers;

    @Inject
    PresenceStreamAccess access;

    Clock clock = Clock.systemUTC();

    @OnOpen
    public void open(Session connection) throws IOException {
        Principal principal = connection.getUserPrincipal();
        if (principal == null) {
            connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Log in first"));
            return;
        }
        String watcher = principal.getName();
        Consumer<ContactStateChanged> listener = change -> send(connection, frame(change.contact(), change.state().name(),
                change.disclosed().transferKind(), change.disclosed().transferAddress(), change.at()));
        connection.getUserProperties().put(LISTENER, listener);
        connection.getUserProperties().put(WATCHER, watcher);
        // subscribe before reading the current states, so that no change falls between the two
        subscribers.subscribe(watcher, listener);
        Instant now = clock.instant();
        for (ConnectabilityView contact : access.current(watcher)) {
            send(connection, frame(contact.user(), contact.state(), contact.transferKind(), contact.transferAddress(), now));
        }
    }

    @OnClose
    @SuppressWarnings("unchecked")
    public void close(Session connection) {
        Object listener = connection.getUserProperties().get(LISTENER);
        Object watcher = connection.getUserProperties().get(WATCHER);
        if (listener != null && watcher != null) {
            subscribers.unsubscribe((String) watcher, (Consumer<ContactStateChanged>) listener);
        }
    }

    @OnError
    public void error(Session connection, Throwable error) {
        LOG.log(Level.FINE, "presence stream error", error);
    }

    /** The frame; the transfer target only for a watcher trusted with it (null otherwise, and then left out). */
    static String frame(String contact, String state, String transferKind, String transferAddress, Instant at) {
        JsonObjectBuilder frame = Json.createObjectBuilder().add("contact", contact).add("state", state);
        if (transferKind != null && transferAddress != null) {
            frame.add("transferKind", transferKind).add("transferAddress", transferAddress);
        }
        return frame.add("at", at.toString()).build().toString();
    }

    private static void send(Session connection, String frame) {
        if (!connection.isOpen()) {
            return;
        }
        // one write at a time per connection: changes arrive from several threads
        synchronized (connection) {
            try {
                connection.getBasicRemote().sendText(frame);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "a presence stream is gone", e);
            }
        }
    }
}

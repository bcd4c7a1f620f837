package dev.liaison.collab.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The participants connected to each open collaboration space on this server, and the fan-out
 * of what one of them does to all of them. A sweep closes the connections of spaces whose
 * session has ended (its end reached, or cancelled), so a browser learns it within seconds.
 *
 * <p>Connections are local to one server; what they see is stored first, so a participant who
 * reconnects to another node of a cluster replays the same space.
 */
@ApplicationScoped
public class SpaceRooms {

    private static final Logger LOG = Logger.getLogger(SpaceRooms.class.getName());

    private final Map<String, Map<Session, String>> rooms = new ConcurrentHashMap<>();

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CollaborationSpaces spaces;

    private ScheduledFuture<?> sweep;

    @PostConstruct
    void startSweeping() {
        sweep = scheduler.scheduleWithFixedDelay(this::closeEndedSpaces, 3, 3, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopSweeping() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        rooms.keySet().forEach(id -> close(id, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "The server is stopping")));
    }

    public void enter(String sessionId, Session connection, String displayName) {
        rooms.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(connection, displayName);
    }

    public void leave(String sessionId, Session connection) {
        rooms.computeIfPresent(sessionId, (id, members) -> {
            members.remove(connection);
            return members.isEmpty() ? null : members;
        });
    }

    /** The names of the participants connected now, sorted, each once. */
    public List<String> present(String sessionId) {
        return rooms.getOrDefault(sessionId, Map.of()).values().stream().distinct().sorted().toList();
    }

    public void broadcast(String sessionId, String frame) {
        rooms.getOrDefault(sessionId, Map.of()).keySet().forEach(connection -> send(connection, frame));
    }

    /** Tells everyone in the space why it closes, then closes their connections. */
    public void close(String sessionId, CloseReason reason) {
        Map<Session, String> members = rooms.remove(sessionId);
        if (members == null) {
            return;
        }
        String frame = SpaceFrames.closed(reason.getReasonPhrase());
        for (Session connection : members.keySet()) {
            send(connection, frame);
            try {
                connection.close(reason);
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a space connection failed", e);
            }
        }
    }

    static void send(Session connection, String frame) {
        if (!connection.isOpen()) {
            return;
        }
        // a connection accepts one write at a time; broadcasts from several threads take turns
        synchronized (connection) {
            try {
                connection.getBasicRemote().sendText(frame);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "a space connection is gone", e);
            }
        }
    }

    private void closeEndedSpaces() {
        for (String sessionId : List.copyOf(rooms.keySet())) {
            try {
                if (!spaces.isOpen(sessionId)) {
                    close(sessionId, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "The session is over"));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot tell whether space " + sessionId + " is still open", e);
            }
        }
    }
}

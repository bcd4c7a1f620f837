package dev.liaison.collab.boundary;

import dev.liaison.collab.control.SpaceInput;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The live collaboration space of a session, {@code /join/{sessionId}/space}: the whiteboard's
 * strokes and the room's messages, stored and then sent to every participant connected.
 *
 * <p>The first frame must be {@code {"type":"hello","credential":"..."}} with the participant's
 * personal credential. Authenticating in the first frame rather than by cookie means a page of
 * another site cannot open a space with the visitor's browser session.
 */
@ServerEndpoint("/join/{sessionId}/space")
public class SpaceEndpoint {

    private static final Logger LOG = Logger.getLogger(SpaceEndpoint.class.getName());
    private static final String CREDENTIAL = "credential";
    private static final CloseReason REFUSED = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
            "This link or credential does not open any session");

    @Inject
    CollaborationSpaces spaces;

    @Inject
    SpaceRooms rooms;

    @OnMessage(maxMessageSize = 128 * 1024)
    public void onMessage(String frame, Session connection, @PathParam("sessionId") String sessionId) throws IOException {
        String credential = (String) connection.getUserProperties().get(CREDENTIAL);
        if (credential == null) {
            hello(frame, connection, sessionId);
            return;
        }
        SpaceInput input;
        try {
            input = SpaceInput.parse(frame);
        } catch (SpaceInput.InvalidSpaceInputException e) {
            SpaceRooms.send(connection, SpaceFrames.error(e.getMessage()));
            return;
        }
        try {
            SpaceEventView event = spaces.post(sessionId, credential, input);
            rooms.broadcast(sessionId, SpaceFrames.event(event).toString());
        } catch (InvalidInputException e) {
            SpaceRooms.send(connection, SpaceFrames.error(e.violations().stream().map(Violation::message)
                    .collect(Collectors.joining("; "))));
        } catch (ConflictException e) {
            rooms.close(sessionId, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "The session is over"));
        } catch (NotFoundException e) {
            refuse(connection);
        }
    }

    private void hello(String frame, Session connection, String sessionId) throws IOException {
        String credential = credentialOf(frame);
        if (credential == null) {
            SpaceRooms.send(connection, SpaceFrames.error("Say hello with your credential first: {\"type\":\"hello\",\"credential\":\"...\"}"));
            connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "No credential"));
            return;
        }
        CollaborationSpaces.Entry entry;
        try {
            entry = spaces.enter(sessionId, credential);
        } catch (NotFoundException e) {
            refuse(connection);
            return;
        }
        JoinView view = entry.view();
        switch (view.status()) {
            case NOT_YET_OPEN -> {
                SpaceRooms.send(connection, SpaceFrames.welcome(view, entry.history(), rooms.present(sessionId)));
                connection.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "The session opens at " + view.startsAt()));
            }
            case OVER -> {
                SpaceRooms.send(connection, SpaceFrames.closed("The session is over"));
                connection.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "The session is over"));
            }
            case OPEN -> {
                connection.getUserProperties().put(CREDENTIAL, credential);
                rooms.enter(sessionId, connection, view.you());
                SpaceRooms.send(connection, SpaceFrames.welcome(view, entry.history(), rooms.present(sessionId)));
                rooms.broadcast(sessionId, SpaceFrames.presence(rooms.present(sessionId)));
            }
        }
    }

    private static String credentialOf(String frame) {
        try (JsonReader reader = Json.createReader(new StringReader(frame))) {
            JsonObject hello = reader.readObject();
            if ("hello".equals(hello.getString("type", "")) && !hello.getString(CREDENTIAL, "").isBlank()) {
                return hello.getString(CREDENTIAL).strip();
            }
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            LOG.log(Level.FINE, "not a hello frame", e);
        }
        return null;
    }

    private static void refuse(Session connection) throws IOException {
        SpaceRooms.send(connection, SpaceFrames.error(REFUSED.getReasonPhrase()));
        connection.close(REFUSED);
    }

    @OnClose
    public void onClose(Session connection, @PathParam("sessionId") String sessionId) {
        if (connection.getUserProperties().containsKey(CREDENTIAL)) {
            rooms.leave(sessionId, connection);
            rooms.broadcast(sessionId, SpaceFrames.presence(rooms.present(sessionId)));
        }
    }

    @OnError
    public void onError(Session connection, Throwable error) {
        LOG.log(Level.FINE, "space connection error", error);
    }
}

package dev.liaison.collab.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The built-in videoconference provider: a Jitsi Meet room on a configurable server
 * ({@code liaison.collab.videoconference.base-url}, by default the public {@code https://meet.jit.si/}).
 *
 * <p>The room name is derived from the session's unguessable public identifier by a one-way hash:
 * a session always has the same room, nobody can guess a room without the identifier, and the
 * room name (which the Jitsi server and its logs see) does not reveal the join link.
 */
public final class JitsiMeetRooms implements VideoconferenceRooms {

    public static final String DEFAULT_BASE_URL = "https://meet.jit.si/";

    private final String baseUrl;

    public JitsiMeetRooms(String baseUrl) {
        String base = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
        if (!base.startsWith("https://") && !base.startsWith("http://")) {
            throw new IllegalArgumentException("The videoconference base URL must be an http(s) address: " + base);
        }
        this.baseUrl = base.endsWith("/") ? base : base + "/";
    }

    @Override
    public String roomUrl(String sessionId) {
        return baseUrl + roomName(sessionId);
    }

    static String roomName(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("liaison-room:" + sessionId).getBytes(StandardCharsets.UTF_8));
            return "Liaison" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

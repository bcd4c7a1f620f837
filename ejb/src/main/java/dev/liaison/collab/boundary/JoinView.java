package dev.liaison.collab.boundary;

import java.time.Instant;
import java.util.List;

/**
 * What a participant who presented a valid credential sees of a session; {@code conferenceUrl}
 * is the videoconference room, given only to participants of an open videoconference session.
 */
public record JoinView(String sessionId, String type, String title, Instant startsAt, Instant endsAt, Status status,
                       String you, List<Member> participants, String conferenceUrl) {

    /** Whether the collaboration space is open now. */
    public enum Status {
        NOT_YET_OPEN, OPEN, OVER
    }

    /** A participant and whether they have joined. */
    public record Member(String displayName, String role, boolean joined) {
    }
}

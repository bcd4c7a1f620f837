package dev.liaison.collab.control;

/**
 * Where the participants of a videoconference session meet. A provider turns a session into the
 * address of its room; the join page shows that address only to participants who presented
 * their credential.
 */
public interface VideoconferenceRooms {

    /** The room of the session with this public identifier. */
    String roomUrl(String sessionId);
}

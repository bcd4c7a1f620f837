package dev.liaison.collab.boundary;

import dev.liaison.collab.entity.CollaborationSession;

import java.time.Instant;
import java.util.List;

/** A collaboration session as its participants and services see it: never a credential. */
public record SessionView(String id, String type, String title, Instant startsAt, Instant endsAt, String state,
                          String organiser, List<Member> participants, List<String> informed, String joinUrl) {

    /** A participant of the session. */
    public record Member(String username, String displayName, String role, Instant joinedAt) {
    }

    static SessionView of(CollaborationSession s, String joinUrl) {
        return new SessionView(s.getPublicId(), s.getType().label(), s.getTitle(), s.getStartsAt(), s.getEndsAt(),
                s.getState().name().toLowerCase(java.util.Locale.ROOT), s.getInitiator().getUsername(),
                s.getParticipants().stream().map(p -> new Member(p.getUser().getUsername(), p.getUser().getDisplayName(),
                        p.getRole().name().toLowerCase(java.util.Locale.ROOT), p.getJoinedAt())).toList(),
                List.copyOf(s.getInformed()), joinUrl);
    }
}

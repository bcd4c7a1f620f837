package dev.liaison.collab.boundary;

import dev.liaison.collab.control.Credentials;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.events.boundary.EventLog;
import dev.liaison.platform.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;

/**
 * Joining sessions with a personal credential. An unknown session and a wrong credential give
 * the same answer, so the join page tells a stranger nothing about which sessions exist.
 */
@Stateless
@PermitAll
public class Meetings {

    @PersistenceContext
    EntityManager em;

    @EJB
    EventLog eventLog;

    Clock clock = Clock.systemUTC();

    public JoinView join(String sessionId, String credential) {
        Instant now = clock.instant();
        if (sessionId == null || credential == null || credential.isBlank()) {
            throw unknown();
        }
        CollaborationSession meeting = em.createNamedQuery(CollaborationSession.FIND_BY_PUBLIC_ID, CollaborationSession.class)
                .setParameter("publicId", sessionId).getResultStream().findFirst().orElseThrow(Meetings::unknown);
        Participant you = meeting.participantWithCredential(Credentials.hash(credential.strip())).orElseThrow(Meetings::unknown);
        JoinView.Status status = meeting.getState().isOver() || !now.isBefore(meeting.getEndsAt()) ? JoinView.Status.OVER
                : meeting.isOpenAt(now) ? JoinView.Status.OPEN : JoinView.Status.NOT_YET_OPEN;
        if (status == JoinView.Status.OPEN && you.getJoinedAt() == null) {
            you.joined(now);
            eventLog.record("MeetingJoined", meeting.getPublicId(), now,
                    jakarta.json.Json.createObjectBuilder().add("user", you.getUser().getUsername()).build().toString());
        }
        return new JoinView(meeting.getPublicId(), meeting.getType().label(), meeting.getTitle(), meeting.getStartsAt(),
                meeting.getEndsAt(), status, you.getUser().getDisplayName(),
                meeting.getParticipants().stream().map(p -> new JoinView.Member(p.getUser().getDisplayName(),
                        p.getRole().name().toLowerCase(java.util.Locale.ROOT), p.getJoinedAt() != null)).toList());
    }

    private static NotFoundException unknown() {
        return new NotFoundException("No session matches this link and credential");
    }
}

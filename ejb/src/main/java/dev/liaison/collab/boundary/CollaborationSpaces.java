package dev.liaison.collab.boundary;

import dev.liaison.collab.control.Credentials;
import dev.liaison.collab.control.SpaceInput;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.collab.entity.SpaceEvent;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The collaboration space of an open session: the whiteboard's strokes and the room's messages.
 * Every request carries the participant's personal credential and is checked again, so a
 * credential stops working the moment its session ends, whatever connection it came over.
 */
@Stateless
@PermitAll
public class CollaborationSpaces {

    /** What a participant gets on entering: the join view and, if the session is open, what was done so far. */
    public record Entry(JoinView view, List<SpaceEventView> history) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Meetings meetings;

    Clock clock = Clock.systemUTC();

    public Entry enter(String sessionId, String credential) {
        JoinView view = meetings.join(sessionId, credential);
        if (view.status() != JoinView.Status.OPEN) {
            return new Entry(view, List.of());
        }
        CollaborationSession meeting = session(sessionId).orElseThrow(() -> new NotFoundException("no session"));
        Long lastClear = em.createNamedQuery(SpaceEvent.LAST_CLEAR, Long.class).setParameter("session", meeting).getSingleResult();
        List<SpaceEventView> history = em.createNamedQuery(SpaceEvent.FIND_SINCE, SpaceEvent.class)
                .setParameter("session", meeting).setParameter("since", lastClear == null ? 0L : lastClear)
                .getResultStream().map(SpaceEventView::of).toList();
        return new Entry(view, history);
    }

    /**
     * Adds a participant's stroke, wipe or message to the space.
     *
     * @throws NotFoundException     the credential does not open this session
     * @throws ConflictException     the session is not open (not yet, or no more)
     * @throws InvalidInputException the session's kind of space does not take this request
     */
    public SpaceEventView post(String sessionId, String credential, SpaceInput input) {
        Instant now = clock.instant();
        CollaborationSession meeting = session(sessionId).orElseThrow(() -> new NotFoundException("no session"));
        Participant author = meeting.participantWithCredential(Credentials.hash(credential == null ? "" : credential.strip()))
                .orElseThrow(() -> new NotFoundException("no session"));
        if (!meeting.isOpenAt(now)) {
            throw new ConflictException("state", "The session is not open.");
        }
        if (input.kind() != SpaceEvent.Kind.MESSAGE && meeting.getType() != SessionType.WHITEBOARD) {
            throw new InvalidInputException("Only a whiteboard session has a board",
                    List.of(new Violation("type", "a " + meeting.getType().label() + " session has no board to draw on")));
        }
        SpaceEvent event = new SpaceEvent(meeting, author, input.kind(), input.payload(), now);
        em.persist(event);
        em.flush();
        return SpaceEventView.of(event);
    }

    /** Whether the session's space takes requests now. */
    public boolean isOpen(String sessionId) {
        Instant now = clock.instant();
        return session(sessionId).map(s -> s.isOpenAt(now)).orElse(false);
    }

    private Optional<CollaborationSession> session(String sessionId) {
        return em.createNamedQuery(CollaborationSession.FIND_BY_PUBLIC_ID, CollaborationSession.class)
                .setParameter("publicId", sessionId).getResultStream().findFirst();
    }
}

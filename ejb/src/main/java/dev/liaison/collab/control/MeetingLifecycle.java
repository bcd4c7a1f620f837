package dev.liaison.collab.control;

import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.SessionState;
import dev.liaison.events.boundary.EventLog;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;

/**
 * Opens sessions at their start and closes them at their end, with persistent EJB timers: a
 * timer created with the session commits with it, and survives a restart of the server (a timer
 * whose time passed while the server was down fires when it comes back).
 */
@Stateless
@PermitAll
public class MeetingLifecycle {

    private static final Logger LOG = Logger.getLogger(MeetingLifecycle.class.getName());

    /** What a timer does to which session. */
    public record Step(String sessionId, Action action) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The two moments of a session's life. */
    public enum Action {
        ACTIVATE, CLOSE
    }

    @Resource
    TimerService timers;

    @PersistenceContext
    EntityManager em;

    @EJB
    EventLog eventLog;

    Clock clock = Clock.systemUTC();

    /** Activates now if the start has come, else at the start; closes at the end. */
    public void schedule(CollaborationSession meeting) {
        Instant now = clock.instant();
        if (!meeting.getStartsAt().isAfter(now)) {
            activate(meeting, now);
        } else {
            timers.createSingleActionTimer(Date.from(meeting.getStartsAt()),
                    new TimerConfig(new Step(meeting.getPublicId(), Action.ACTIVATE), true));
            eventLog.record("MeetingScheduled", meeting.getPublicId(), now, "{\"startsAt\":\"" + meeting.getStartsAt() + "\"}");
        }
        timers.createSingleActionTimer(Date.from(meeting.getEndsAt()),
                new TimerConfig(new Step(meeting.getPublicId(), Action.CLOSE), true));
    }

    /** Forgets the timers of a session that ended early. */
    public void unschedule(String sessionId) {
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof Step step && step.sessionId().equals(sessionId)) {
                timer.cancel();
            }
        }
    }

    @Timeout
    void fire(Timer timer) {
        if (!(timer.getInfo() instanceof Step step)) {
            return;
        }
        Instant now = clock.instant();
        CollaborationSession meeting = em.createNamedQuery(CollaborationSession.FIND_BY_PUBLIC_ID, CollaborationSession.class)
                .setParameter("publicId", step.sessionId()).getResultStream().findFirst().orElse(null);
        if (meeting == null) {
            LOG.warning(() -> "A timer fired for session " + step.sessionId() + ", which no longer exists");
            return;
        }
        if (step.action() == Action.ACTIVATE) {
            activate(meeting, now);
        } else if (!meeting.getState().isOver()) {
            meeting.close(SessionState.CLOSED);
            eventLog.record("MeetingClosed", meeting.getPublicId(), now, "{\"reason\":\"end reached\"}");
        }
    }

    private void activate(CollaborationSession meeting, Instant now) {
        if (meeting.getState() == SessionState.SCHEDULED) {
            meeting.activate();
            eventLog.record("MeetingActivated", meeting.getPublicId(), now, "{\"type\":\"" + meeting.getType().label() + "\"}");
        }
    }
}

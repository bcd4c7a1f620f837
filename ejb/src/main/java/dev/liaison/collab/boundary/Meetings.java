package dev.liaison.collab.boundary;

import dev.liaison.collab.control.Credentials;
import dev.liaison.collab.control.JitsiMeetRooms;
import dev.liaison.collab.control.VideoconferenceRooms;
import dev.liaison.collab.control.MeetingLetters;
import dev.liaison.collab.control.MeetingOrganiser;
import dev.liaison.collab.control.MeetingTime;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.events.boundary.EventLog;
import dev.liaison.platform.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    @EJB
    MeetingOrganiser organiser;

    @Resource
    SessionContext context;

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
                    Json.createObjectBuilder().add("user", you.getUser().getUsername()).build().toString());
        }
        String conferenceUrl = status == JoinView.Status.OPEN && meeting.getType() == SessionType.VIDEOCONFERENCE
                ? videoconferenceRooms().roomUrl(meeting.getPublicId()) : null;
        return new JoinView(meeting.getPublicId(), meeting.getType().label(), meeting.getTitle(), meeting.getStartsAt(),
                meeting.getEndsAt(), status, you.getUser().getDisplayName(),
                meeting.getParticipants().stream().map(p -> new JoinView.Member(p.getUser().getDisplayName(),
                        p.getRole().name().toLowerCase(Locale.ROOT), p.getJoinedAt() != null)).toList(), conferenceUrl);
    }

    /** The videoconference provider: built in, a Jitsi Meet server at {@code liaison.collab.videoconference.base-url}. */
    static VideoconferenceRooms videoconferenceRooms() {
        return new JitsiMeetRooms(CollabSettings.VIDEOCONFERENCE_BASE_URL.get());
    }

    @RolesAllowed({Roles.ADMIN, Roles.USER})
    public List<SessionView> mine() {
        String caller = context.getCallerPrincipal().getName();
        MeetingLetters letters = organiser.letters();
        return em.createNamedQuery(CollaborationSession.FIND_BY_PARTICIPANT, CollaborationSession.class)
                .setParameter("username", caller).setMaxResults(500).getResultStream()
                .map(s -> SessionView.of(s, letters.joinUrl(s))).toList();
    }

    /** A session the caller takes part in (any session for an administrator); unknown otherwise. */
    @RolesAllowed({Roles.ADMIN, Roles.USER})
    public SessionView find(String sessionId) {
        CollaborationSession meeting = visible(sessionId);
        return SessionView.of(meeting, organiser.letters().joinUrl(meeting));
    }

    @RolesAllowed({Roles.ADMIN, Roles.USER})
    public SessionView create(NewSession request) {
        Instant now = clock.instant();
        if (request == null) {
            throw new InvalidInputException("A session is required", List.of(new Violation("body", "is required")));
        }
        List<Violation> violations = new ArrayList<>();
        Optional<SessionType> type = SessionType.parse(request.type());
        if (type.isEmpty()) {
            violations.add(new Violation("type", "must be whiteboard, videoconference or chat"));
        }
        if (request.title() != null && request.title().length() > 300) {
            violations.add(new Violation("title", "must be at most 300 characters"));
        }
        User caller = user(context.getCallerPrincipal().getName()).orElseThrow(() -> new NotFoundException("caller"));
        List<User> participants = new ArrayList<>();
        List<String> requested = request.participants() == null ? List.of() : request.participants();
        for (int i = 0; i < requested.size(); i++) {
            String who = requested.get(i) == null ? "" : requested.get(i).strip().toLowerCase(Locale.ROOT);
            Optional<User> user = who.contains("@") ? byEmail(who) : user(who);
            if (user.isPresent() && user.get().isEnabled()) {
                participants.add(user.get());
            } else {
                violations.add(new Violation("participants[" + i + "]", "is not a registered user"));
            }
        }
        List<String> informed = new ArrayList<>();
        List<String> copies = request.informed() == null ? List.of() : request.informed();
        for (int i = 0; i < copies.size(); i++) {
            String address = copies.get(i) == null ? "" : copies.get(i).strip().toLowerCase(Locale.ROOT);
            if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                violations.add(new Violation("informed[" + i + "]", "must be an e-mail address"));
            } else {
                informed.add(address);
            }
        }
        Instant start = request.start() == null ? now : request.start();
        Duration duration = request.durationMinutes() == null
                ? CollabSettings.DEFAULT_DURATION.get() : Duration.ofMinutes(request.durationMinutes());
        Instant end = request.end() == null ? start.plus(duration) : request.end();
        try {
            MeetingTime.validated(start, end, now, CollabSettings.GRACE.get());
        } catch (MeetingTime.InvalidMeetingTimeException e) {
            violations.add(new Violation(request.end() == null && request.durationMinutes() != null ? "durationMinutes" : "start",
                    e.getMessage()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The session cannot be created", violations);
        }
        CollaborationSession meeting = organiser.create(new MeetingOrganiser.NewMeeting(type.get(), request.title(), caller,
                start, end, participants, List.of(), informed, null, null, null));
        return SessionView.of(meeting, organiser.letters().joinUrl(meeting));
    }

    /**
     * Who takes part in session {@code sessionId}, by username, while it is not over (scheduled or
     * running): the members of its chat room. Empty for no such session, or one that is over.
     */
    public Optional<List<String>> participantsOf(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        return em.createNamedQuery(CollaborationSession.FIND_BY_PUBLIC_ID, CollaborationSession.class)
                .setParameter("publicId", sessionId).getResultStream().findFirst()
                .filter(s -> !s.getState().isOver() && clock.instant().isBefore(s.getEndsAt()))
                .map(s -> s.getParticipants().stream().map(p -> p.getUser().getUsername()).distinct().sorted().toList());
    }

    /** Cancels a session early: its organiser or an administrator may. */
    @RolesAllowed({Roles.ADMIN, Roles.USER})
    public void cancel(String sessionId) {
        CollaborationSession meeting = visible(sessionId);
        boolean organiserOrAdmin = context.isCallerInRole(Roles.ADMIN)
                || meeting.getInitiator().getUsername().equals(context.getCallerPrincipal().getName());
        if (!organiserOrAdmin) {
            throw new jakarta.ejb.EJBAccessException("only the organiser may cancel");
        }
        if (meeting.getState().isOver()) {
            throw new ConflictException("state", "Session " + sessionId + " is already over");
        }
        organiser.cancel(meeting, "cancelled by " + context.getCallerPrincipal().getName());
    }

    private CollaborationSession visible(String sessionId) {
        String caller = context.getCallerPrincipal().getName();
        return em.createNamedQuery(CollaborationSession.FIND_BY_PUBLIC_ID, CollaborationSession.class)
                .setParameter("publicId", sessionId).getResultStream().findFirst()
                .filter(s -> context.isCallerInRole(Roles.ADMIN)
                        || s.getParticipants().stream().anyMatch(p -> p.getUser().getUsername().equals(caller)))
                .orElseThrow(() -> new NotFoundException("No session " + sessionId + " is visible to you"));
    }

    private Optional<User> user(String username) {
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    private Optional<User> byEmail(String email) {
        return em.createNamedQuery(User.FIND_BY_EMAIL, User.class).setParameter("email", email)
                .getResultStream().findFirst();
    }

    private static NotFoundException unknown() {
        return new NotFoundException("No session matches this link and credential");
    }
}

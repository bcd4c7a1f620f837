package dev.liaison.collab.control;

import dev.liaison.collab.boundary.CollabSettings;
import dev.liaison.platform.PlatformSettings;
import dev.liaison.collab.boundary.ServiceMailboxes;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.collab.entity.SessionState;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.directory.entity.User;
import dev.liaison.events.boundary.EventLog;
import dev.liaison.platform.Postbox;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and cancels collaboration sessions, whichever interface asked (a mail, REST): the
 * session, its participants with their credentials, its timers and its mails, in the caller's
 * transaction.
 */
@Stateless
@PermitAll
public class MeetingOrganiser {

    /**
     * What a session is made of; {@code leftOut} are addressees that are not registered users;
     * {@code sourceCalendar} is the organiser's calendar event it comes from, or null.
     */
    public record NewMeeting(SessionType type, String title, User initiator, Instant start, Instant end,
                             List<User> participants, List<String> leftOut, List<String> informed,
                             String sourceMessageId, String inReplyTo, SourceCalendar sourceCalendar) {
    }

    /** The identity of an event in the organiser's calendar. */
    public record SourceCalendar(String uid, int sequence) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Postbox postbox;

    @EJB
    EventLog eventLog;

    @EJB
    MeetingLifecycle lifecycle;

    Clock clock = Clock.systemUTC();

    public MeetingLetters letters() {
        return new MeetingLetters(PlatformSettings.BASE_URL.get(),
                ServiceMailboxes.parse(PlatformSettings.MAIL_DOMAIN.get(), CollabSettings.MAILBOXES.get()));
    }

    public CollaborationSession create(NewMeeting request) {
        Instant now = clock.instant();
        MeetingLetters letters = letters();
        CollaborationSession meeting = new CollaborationSession(Credentials.newToken(), request.type(), request.title(),
                request.initiator(), request.start(), request.end(), request.sourceMessageId(),
                Credentials.newToken() + "@" + PlatformSettings.MAIL_DOMAIN.get(), now);
        meeting.getInformed().addAll(request.informed());
        if (request.sourceCalendar() != null) {
            meeting.followSourceCalendar(request.sourceCalendar().uid(), request.sourceCalendar().sequence());
        }
        em.persist(meeting);
        List<String> credentials = new ArrayList<>();
        String initiatorToken = Credentials.newToken();
        meeting.addParticipant(request.initiator(), Participant.Role.INITIATOR, Credentials.hash(initiatorToken), now);
        credentials.add(initiatorToken);
        for (User user : request.participants()) {
            if (meeting.participant(user).isEmpty()) {
                String token = Credentials.newToken();
                meeting.addParticipant(user, Participant.Role.PARTICIPANT, Credentials.hash(token), now);
                credentials.add(token);
            }
        }
        eventLog.record("MeetingAccredited", meeting.getPublicId(), now,
                json("participants", String.valueOf(meeting.getParticipants().size())));
        for (String address : request.leftOut()) {
            eventLog.record("MeetingAddressRejected", meeting.getPublicId(), now, json("address", address));
        }
        lifecycle.schedule(meeting);
        for (int i = 0; i < meeting.getParticipants().size(); i++) {
            Participant participant = meeting.getParticipants().get(i);
            postbox.post(letters.invitation(meeting, participant, credentials.get(i), request.inReplyTo(), now));
            eventLog.record("MeetingInvited", meeting.getPublicId(), now, json("user", participant.getUser().getUsername()));
        }
        for (String address : meeting.getInformed()) {
            postbox.post(letters.notice(meeting, address, request.inReplyTo(), now));
        }
        if (!request.leftOut().isEmpty()) {
            postbox.post(letters.leftOutReport(meeting, request.leftOut(), request.inReplyTo(), now));
        }
        return meeting;
    }

    /** Ends a session before its time; every participant receives an iMIP CANCEL. */
    public void cancel(CollaborationSession meeting, String reason) {
        Instant now = clock.instant();
        MeetingLetters letters = letters();
        meeting.close(SessionState.CANCELLED);
        meeting.revise();
        lifecycle.unschedule(meeting.getPublicId());
        for (Participant participant : meeting.getParticipants()) {
            postbox.post(letters.cancellation(meeting, participant, now));
        }
        eventLog.record("MeetingClosed", meeting.getPublicId(), now, json("reason", reason));
    }

    /**
     * Moves a session that is not over to another time window, as its organiser's calendar asked:
     * its timers follow, and every participant receives the iMIP update (no new credential).
     */
    public void reschedule(CollaborationSession meeting, Instant start, Instant end, SourceCalendar source) {
        Instant now = clock.instant();
        MeetingLetters letters = letters();
        Instant previousStart = meeting.getStartsAt();
        lifecycle.unschedule(meeting.getPublicId());
        meeting.reschedule(start, end);
        meeting.followSourceCalendar(source.uid(), source.sequence());
        lifecycle.schedule(meeting);
        for (Participant participant : meeting.getParticipants()) {
            postbox.post(letters.rescheduled(meeting, participant, now));
        }
        eventLog.record("MeetingRescheduled", meeting.getPublicId(), now, Json.createObjectBuilder()
                .add("from", previousStart.toString()).add("startsAt", start.toString()).add("endsAt", end.toString())
                .add("calendarUid", source.uid()).add("calendarSequence", source.sequence()).build().toString());
    }

    static String json(String key, String value) {
        return Json.createObjectBuilder().add(key, value == null ? "" : value).build().toString();
    }
}

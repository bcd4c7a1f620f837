package dev.liaison.collab.boundary;

import dev.liaison.platform.PlatformSettings;
import dev.liaison.collab.control.Credentials;
import dev.liaison.collab.control.MeetingCalendar;
import dev.liaison.collab.control.MeetingLetters;
import dev.liaison.collab.control.MeetingOrganiser;
import dev.liaison.collab.control.MeetingPlan;
import dev.liaison.collab.control.MeetingTime;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.collab.entity.ProcessedMail;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.directory.entity.User;
import dev.liaison.events.boundary.EventLog;
import dev.liaison.platform.InboundMail;
import dev.liaison.platform.Postbox;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * Turns one received mail into one collaboration session (patent flow of Figs 4a/4b): reads it,
 * accredits every addressee against the directory, creates the session with a personal
 * credential per participant, and queues the invitations, notices and reports — all in one
 * transaction, so a crash leaves either everything or nothing, and the same Message-ID is
 * handled once. A mail that cannot become a session is answered with a bounce saying why; it
 * never fails the transaction, so it never blocks the queue.
 *
 * <p>A calendar sent with the mail (an iMIP invitation, an attached .ics or .vcs) sets the time,
 * over any time lines in the text, and its UID ties the session to the organiser's event: a later
 * CANCEL from the organiser's calendar client cancels the session, a REQUEST with a higher
 * SEQUENCE moves it, and the same UID and SEQUENCE again change nothing.
 */
@Stateless
@PermitAll
public class MeetingRequests {

    private static final Logger LOG = Logger.getLogger(MeetingRequests.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    Postbox postbox;

    @EJB
    EventLog eventLog;

    @EJB
    MeetingOrganiser organiser;

    Clock clock = Clock.systemUTC();

    /** The service mailboxes of the mail domain, for the mail edge to accept mail for. */
    public static ServiceMailboxes mailboxes() {
        return ServiceMailboxes.parse(PlatformSettings.MAIL_DOMAIN.get(), CollabSettings.MAILBOXES.get());
    }

    /**
     * Handles one received mail, as the mail edge read it; every copy of one mail (the same
     * {@link InboundMail#dedupeKey()}) is handled once.
     */
    public void receive(InboundMail mail) {
        Instant now = clock.instant();
        ServiceMailboxes mailboxes = mailboxes();
        MeetingLetters letters = organiser.letters();
        String key = mail.dedupeKey();
        if (em.find(ProcessedMail.class, key) != null) {
            eventLog.record("MeetingMailDuplicate", key, now, json("from", mail.from()));
            LOG.info(() -> "Ignoring " + key + ": already handled");
            return;
        }
        if (!mail.readable()) {
            em.persist(new ProcessedMail(key, now, "rejected: unreadable"));
            reject(letters, mail.envelopeFrom().isBlank() ? mail.from() : mail.envelopeFrom(), mail, mail.defect(), now);
            return;
        }
        ProcessedMail processed = new ProcessedMail(key, now, "received");
        em.persist(processed);
        eventLog.record("MeetingMailReceived", key, now, json("from", mail.from()));

        Optional<User> sender = userByEmail(mail.from());
        if (sender.isEmpty()) {
            processed.setOutcome("rejected: unregistered sender");
            reject(letters, mail.envelopeFrom().isBlank() ? mail.from() : mail.envelopeFrom(), mail,
                    "The sender " + mail.from() + " is not a registered user of Liaison, and only registered users "
                            + "may organise sessions.", now);
            return;
        }
        Duration grace = CollabSettings.GRACE.get();
        Duration defaultDuration = CollabSettings.DEFAULT_DURATION.get();
        ZoneId defaultZone = CollabSettings.DEFAULT_ZONE.get();
        MeetingCalendar calendar;
        try {
            calendar = MeetingCalendar.read(mail.calendars(), defaultZone, defaultDuration).orElse(null);
        } catch (MeetingCalendar.InvalidCalendarException e) {
            processed.setOutcome("rejected: bad calendar");
            reject(letters, mail.from(), mail, e.getMessage(), now);
            return;
        }
        if (calendar != null && calendar.uid() != null && calendar.uid().length() > CollaborationSession.MAX_UID_LENGTH) {
            processed.setOutcome("rejected: calendar UID too long");
            reject(letters, mail.from(), mail, "The calendar event's UID is longer than "
                    + CollaborationSession.MAX_UID_LENGTH + " characters.", now);
            return;
        }
        if (calendar != null && calendar.uid() != null) {
            Optional<CollaborationSession> known = sessionOfCalendar(calendar, sender.get());
            if (known.isPresent()) {
                processed.setOutcome(fromCalendar(known.get(), sender.get(), mail, calendar, letters, now, grace));
                return;
            }
        }
        if (calendar != null && calendar.cancels()) {
            processed.setOutcome("rejected: cancel of an unknown event");
            reject(letters, mail.from(), mail, "The calendar cancels the event "
                    + (calendar.uid() == null ? "it names" : "with UID " + calendar.uid())
                    + ", which matches no session of Liaison.", now);
            return;
        }
        Optional<CollaborationSession> referenced = MeetingLetters.referencedSessionId(mail, mailboxes)
                .flatMap(this::session).or(() -> sessionFromMessage(mail.references()));
        if (referenced.isPresent()) {
            processed.setOutcome(change(referenced.get(), sender.get(), mail, mailboxes, letters, now));
            return;
        }
        MeetingTime time;
        try {
            // a calendar states the time more precisely than lines of text, so it wins
            time = calendar != null ? calendar.time(now, grace)
                    : MeetingTime.fromText(mail.text(), now, defaultDuration, defaultZone, grace);
        } catch (MeetingTime.InvalidMeetingTimeException e) {
            processed.setOutcome("rejected: bad time");
            reject(letters, mail.from(), mail, e.getMessage(), now);
            return;
        }
        SessionType defaultType = CollabSettings.DEFAULT_TYPE.get();
        MeetingPlan plan = MeetingPlan.of(mail, mail.envelopeTo(), mailboxes, defaultType);

        List<User> participants = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        accredit(plan.participants(), participants, leftOut);
        MeetingOrganiser.SourceCalendar source = calendar == null || calendar.uid() == null ? null
                : new MeetingOrganiser.SourceCalendar(calendar.uid(), calendar.sequence());
        CollaborationSession meeting = organiser.create(new MeetingOrganiser.NewMeeting(plan.type(), title(mail.subject()),
                sender.get(), time.start(), time.end(), participants, leftOut, plan.informed(), key,
                key, source));
        if (calendar != null) {
            eventLog.record("MeetingCalendarRead", meeting.getPublicId(), now, calendarJson(calendar));
        }
        processed.setOutcome("session " + meeting.getPublicId());
        LOG.info(() -> "Session " + meeting.getPublicId() + " (" + meeting.getType().label() + ") for " + key
                + ": " + meeting.getParticipants().size() + " participants, " + leftOut.size() + " left out");
    }

    /**
     * The session a calendar is about. A CANCEL may name the organiser's own event or the UID of
     * our invitations (which the organiser's client may have filed and now withdraws); an update
     * only the organiser's own event, since a copy of our invitation sent back is a reply, handled
     * as one. The sender's own sessions come first, so that a UID two organisers happen to share
     * does not cross over; another organiser's session is found only to refuse the change.
     */
    private Optional<CollaborationSession> sessionOfCalendar(MeetingCalendar calendar, User sender) {
        List<CollaborationSession> found = em.createNamedQuery(CollaborationSession.FIND_BY_CALENDAR_UID, CollaborationSession.class)
                .setParameter("uid", calendar.uid()).setMaxResults(20).getResultList().stream()
                .filter(s -> calendar.cancels() || calendar.uid().equals(s.getSourceCalendarUid()))
                .toList();
        Optional<CollaborationSession> own = found.stream()
                .filter(s -> s.getInitiator().getId().equals(sender.getId())).findFirst();
        if (own.isPresent() || !calendar.cancels()) {
            return own;
        }
        return found.stream().findFirst();
    }

    /**
     * What the organiser's calendar client says about a session: CANCEL cancels it (whatever its
     * SEQUENCE: clients do not always know our own revisions, and a cancellation can only end a
     * session); a REQUEST with a higher SEQUENCE than the last one seen moves it; the same or a
     * lower SEQUENCE is a copy already handled (dedupe by UID and SEQUENCE) and changes nothing.
     */
    private String fromCalendar(CollaborationSession meeting, User sender, InboundMail mail, MeetingCalendar calendar,
                                MeetingLetters letters, Instant now, Duration grace) {
        if (!meeting.getInitiator().getId().equals(sender.getId())) {
            reject(letters, mail.from(), mail, "Only the organiser of session "
                    + meeting.getPublicId() + " may " + (calendar.cancels() ? "cancel" : "move") + " it.", now);
            return "rejected: calendar change by another user";
        }
        if (calendar.cancels()) {
            if (meeting.getState().isOver()) {
                eventLog.record("MeetingCalendarDuplicate", meeting.getPublicId(), now, calendarJson(calendar));
                return "ignored: cancel of a session already over";
            }
            organiser.cancel(meeting, "cancelled by the organiser's calendar");
            return "cancelled " + meeting.getPublicId();
        }
        Integer seen = meeting.getSourceCalendarSequence();
        if (seen != null && calendar.sequence() <= seen) {
            eventLog.record("MeetingCalendarDuplicate", meeting.getPublicId(), now, calendarJson(calendar));
            return "ignored: calendar sequence " + calendar.sequence() + " already seen";
        }
        if (meeting.getState().isOver()) {
            reject(letters, mail.from(), mail,
                    "Session " + meeting.getPublicId() + " is already over.", now);
            return "rejected: session over";
        }
        MeetingTime time;
        try {
            time = calendar.time(now, grace);
        } catch (MeetingTime.InvalidMeetingTimeException e) {
            reject(letters, mail.from(), mail, e.getMessage(), now);
            return "rejected: bad time";
        }
        MeetingOrganiser.SourceCalendar source = new MeetingOrganiser.SourceCalendar(calendar.uid(), calendar.sequence());
        if (time.start().equals(meeting.getStartsAt()) && time.end().equals(meeting.getEndsAt())) {
            // a newer version of the event that keeps its time: nothing for the participants to see
            meeting.followSourceCalendar(source.uid(), source.sequence());
            eventLog.record("MeetingCalendarUnchanged", meeting.getPublicId(), now, calendarJson(calendar));
            return "calendar sequence " + calendar.sequence() + " keeps the time of " + meeting.getPublicId();
        }
        organiser.reschedule(meeting, time.start(), time.end(), source);
        return "rescheduled " + meeting.getPublicId();
    }

    private static String calendarJson(MeetingCalendar calendar) {
        return Json.createObjectBuilder().add("uid", calendar.uid() == null ? "" : calendar.uid())
                .add("sequence", calendar.sequence()).add("method", calendar.method() == null ? "" : calendar.method())
                .add("source", calendar.source()).build().toString();
    }

    /** A reply about an existing session: cancel it (organiser) or add the new To addressees (any participant). */
    private String change(CollaborationSession meeting, User sender, InboundMail mail, ServiceMailboxes mailboxes,
                          MeetingLetters letters, Instant now) {
        Optional<Participant> asParticipant = meeting.participant(sender);
        if (asParticipant.isEmpty()) {
            reject(letters, mail.from(), mail,
                    "Only the participants of session " + meeting.getPublicId() + " may change it.", now);
            return "rejected: not a participant";
        }
        if (meeting.getState().isOver()) {
            reject(letters, mail.from(), mail,
                    "Session " + meeting.getPublicId() + " is already over.", now);
            return "rejected: session over";
        }
        if (asksToCancel(mail)) {
            if (asParticipant.get().getRole() != Participant.Role.INITIATOR) {
                reject(letters, mail.from(), mail,
                        "Only the organiser may cancel session " + meeting.getPublicId() + ".", now);
                return "rejected: cancel by a participant";
            }
            organiser.cancel(meeting, "cancelled by the organiser");
            return "cancelled " + meeting.getPublicId();
        }
        List<String> candidates = new ArrayList<>();
        for (String address : mail.to()) {
            if (!mailboxes.isServiceMailbox(address)
                    && meeting.getParticipants().stream().noneMatch(p -> p.getUser().getEmail().equals(address))) {
                candidates.add(address);
            }
        }
        List<User> added = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        accredit(candidates, added, leftOut);
        if (added.isEmpty() && leftOut.isEmpty()) {
            reject(letters, mail.from(), mail, "The reply about session "
                    + meeting.getPublicId() + " names no new participant in To and does not ask to cancel.", now);
            return "rejected: nothing to change";
        }
        if (!added.isEmpty()) {
            List<Participant> existing = List.copyOf(meeting.getParticipants());
            meeting.revise();
            for (User user : added) {
                String token = Credentials.newToken();
                Participant participant = meeting.addParticipant(user, Participant.Role.PARTICIPANT, Credentials.hash(token), now);
                postbox.post(letters.invitation(meeting, participant, token, mail.dedupeKey(), now));
                eventLog.record("MeetingParticipantAdded", meeting.getPublicId(), now, json("user", user.getUsername()));
            }
            List<String> names = added.stream().map(User::getDisplayName).toList();
            for (Participant participant : existing) {
                postbox.post(letters.update(meeting, participant, names, now));
            }
        }
        if (!leftOut.isEmpty()) {
            postbox.post(letters.leftOutReport(meeting, leftOut, mail.dedupeKey(), now));
        }
        return "added " + added.size() + " to " + meeting.getPublicId();
    }

    /** A subject longer than a title may be is shortened, not refused: the mail is still a meeting. */
    static String title(String subject) {
        if (subject == null || subject.length() <= TITLE_LIMIT) {
            return subject;
        }
        int end = TITLE_LIMIT - 1;
        if (Character.isLowSurrogate(subject.charAt(end))) {
            end--;
        }
        return subject.substring(0, end) + "…";
    }

    private static final int TITLE_LIMIT = 300;

    static boolean asksToCancel(InboundMail mail) {
        if (CANCEL.matcher(mail.subject()).find()) {
            return true;
        }
        String firstLine = mail.text().strip().lines().findFirst().orElse("");
        return CANCEL.matcher(firstLine).find();
    }

    private static final Pattern CANCEL = Pattern.compile("(?i)^\\s*(?:re:\\s*)*cancel(?:led)?\\b");

    private void accredit(List<String> addresses, List<User> registered, List<String> leftOut) {
        for (String address : addresses) {
            userByEmail(address).filter(User::isEnabled).ifPresentOrElse(registered::add, () -> leftOut.add(address));
        }
    }

    private Optional<CollaborationSession> session(String publicId) {
        return em.createNamedQuery(CollaborationSession.FIND_BY_PUBLIC_ID, CollaborationSession.class)
                .setParameter("publicId", publicId).getResultStream().findFirst();
    }

    private Optional<CollaborationSession> sessionFromMessage(List<String> messageIds) {
        for (String id : messageIds) {
            Optional<CollaborationSession> found = em.createNamedQuery(CollaborationSession.FIND_BY_MESSAGE_ID, CollaborationSession.class)
                    .setParameter("messageId", id).getResultStream().findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private void reject(MeetingLetters letters, String to, InboundMail mail, String reason, Instant now) {
        eventLog.record("MeetingMailRejected", mail.dedupeKey(), now, json("reason", reason));
        LOG.info(() -> "Rejected " + mail.dedupeKey() + ": " + reason);
        if (to == null || to.isBlank() || to.equals("<>")) {
            return;
        }
        try {
            postbox.post(letters.bounce(to, mail, reason, now));
        } catch (RuntimeException e) {
            LOG.warning(() -> "No bounce can be sent to " + to + ": " + e.getMessage());
        }
    }

    private Optional<User> userByEmail(String email) {
        return em.createNamedQuery(User.FIND_BY_EMAIL, User.class).setParameter("email", email)
                .getResultStream().findFirst();
    }

    private static String json(String key, String value) {
        return Json.createObjectBuilder().add(key, value == null ? "" : value).build().toString();
    }
}

package dev.liaison.collab.boundary;

import dev.liaison.collab.control.Credentials;
import dev.liaison.collab.control.MeetingLetters;
import dev.liaison.collab.control.MeetingMail;
import dev.liaison.collab.control.MeetingPlan;
import dev.liaison.collab.control.ServiceMailboxes;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.directory.entity.User;
import dev.liaison.events.boundary.EventLog;
import dev.liaison.mail.control.Outbox;
import dev.liaison.mail.entity.ProcessedMail;
import dev.liaison.platform.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns one received mail into one collaboration session (patent flow of Figs 4a/4b): reads it,
 * accredits every addressee against the directory, creates the session with a personal
 * credential per participant, and queues the invitations, notices and reports — all in one
 * transaction, so a crash leaves either everything or nothing, and the same Message-ID is
 * handled once. A mail that cannot become a session is answered with a bounce saying why; it
 * never fails the transaction, so it never blocks the queue.
 */
@Stateless
@PermitAll
public class MeetingRequests {

    private static final Logger LOG = Logger.getLogger(MeetingRequests.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    Outbox outbox;

    @EJB
    EventLog eventLog;

    Clock clock = Clock.systemUTC();

    public static ServiceMailboxes mailboxes() {
        return ServiceMailboxes.parse(Settings.mailDomain(), Settings.get("liaison.collab.mailboxes", ServiceMailboxes.DEFAULT_MAP));
    }

    public void receive(byte[] raw, String envelopeFrom, List<String> envelopeRecipients) {
        Instant now = clock.instant();
        ServiceMailboxes mailboxes = mailboxes();
        MeetingLetters letters = new MeetingLetters(outbox.session(), Settings.get("liaison.base-url", "http://localhost:8080/liaison"), mailboxes);
        MeetingMail mail;
        try {
            mail = MeetingMail.parse(raw);
        } catch (MeetingMail.UnreadableMailException e) {
            String fingerprint = MeetingMail.fingerprint(raw);
            if (em.find(ProcessedMail.class, fingerprint) == null) {
                em.persist(new ProcessedMail(fingerprint, now, "rejected: unreadable"));
                reject(letters, envelopeFrom, null, fingerprint, e.getMessage(), now);
            }
            return;
        }
        if (em.find(ProcessedMail.class, mail.messageId()) != null) {
            eventLog.record("MeetingMailDuplicate", mail.messageId(), now, json("from", mail.from()));
            LOG.info(() -> "Ignoring " + mail.messageId() + ": already handled");
            return;
        }
        ProcessedMail processed = new ProcessedMail(mail.messageId(), now, "received");
        em.persist(processed);
        eventLog.record("MeetingMailReceived", mail.messageId(), now, json("from", mail.from()));

        Optional<User> initiator = userByEmail(mail.from());
        if (initiator.isEmpty()) {
            processed.setOutcome("rejected: unregistered sender");
            reject(letters, envelopeFrom == null || envelopeFrom.isBlank() ? mail.from() : envelopeFrom,
                    mail.subject(), mail.messageId(),
                    "The sender " + mail.from() + " is not a registered user of Liaison, and only registered users "
                            + "may organise sessions.", now);
            return;
        }
        SessionType defaultType = SessionType.parse(Settings.get("liaison.collab.default-type", "chat")).orElse(SessionType.CHAT);
        MeetingPlan plan = MeetingPlan.of(mail, envelopeRecipients, mailboxes, defaultType);

        List<User> participants = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String address : plan.participants()) {
            userByEmail(address).filter(User::isEnabled).ifPresentOrElse(participants::add, () -> leftOut.add(address));
        }
        Duration duration = Duration.ofMinutes(Settings.getInt("liaison.collab.default-duration-minutes", 60));
        CollaborationSession meeting = new CollaborationSession(Credentials.newToken(), plan.type(), mail.subject(),
                initiator.get(), now, now.plus(duration), mail.messageId(),
                Credentials.newToken() + "@" + mailboxes.domain(), now);
        meeting.getInformed().addAll(plan.informed());
        em.persist(meeting);
        eventLog.record("MeetingAccredited", meeting.getPublicId(), now, json("participants", String.valueOf(participants.size() + 1)));
        for (String address : leftOut) {
            eventLog.record("MeetingAddressRejected", meeting.getPublicId(), now, json("address", address));
        }

        List<String> credentials = new ArrayList<>();
        String initiatorToken = Credentials.newToken();
        meeting.addParticipant(initiator.get(), Participant.Role.INITIATOR, Credentials.hash(initiatorToken), now);
        credentials.add(initiatorToken);
        for (User user : participants) {
            if (!user.getId().equals(initiator.get().getId())) {
                String token = Credentials.newToken();
                meeting.addParticipant(user, Participant.Role.PARTICIPANT, Credentials.hash(token), now);
                credentials.add(token);
            }
        }
        meeting.activate();
        eventLog.record("MeetingActivated", meeting.getPublicId(), now, json("type", meeting.getType().label()));
        try {
            for (int i = 0; i < meeting.getParticipants().size(); i++) {
                Participant participant = meeting.getParticipants().get(i);
                outbox.enqueue(letters.invitation(meeting, participant, credentials.get(i), mail.messageId(), now), "invitation");
                eventLog.record("MeetingInvited", meeting.getPublicId(), now, json("user", participant.getUser().getUsername()));
            }
            for (String address : meeting.getInformed()) {
                outbox.enqueue(letters.notice(meeting, address, mail.messageId(), now), "notice");
            }
            if (!leftOut.isEmpty()) {
                outbox.enqueue(letters.leftOutReport(meeting, leftOut, mail.messageId(), now), "left-out-report");
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the invitations of " + meeting.getPublicId(), e);
        }
        processed.setOutcome("session " + meeting.getPublicId());
        LOG.info(() -> "Session " + meeting.getPublicId() + " (" + meeting.getType().label() + ") for " + mail.messageId()
                + ": " + meeting.getParticipants().size() + " participants, " + leftOut.size() + " left out");
    }

    private void reject(MeetingLetters letters, String to, String subject, String messageId, String reason, Instant now) {
        eventLog.record("MeetingMailRejected", messageId, now, json("reason", reason));
        LOG.info(() -> "Rejected " + messageId + ": " + reason);
        if (to == null || to.isBlank() || to.equals("<>")) {
            return;
        }
        try {
            outbox.enqueue(letters.bounce(to, subject, messageId, reason, now), "bounce");
        } catch (MessagingException | RuntimeException e) {
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

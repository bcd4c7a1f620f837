package dev.liaison.collab.control;

import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mails of the meeting feature: invitations (with their iMIP part), notices to Cc
 * addresses, the report of left-out addressees, and bounces. Message-IDs are derived from what
 * the mail is about, so a mail rebuilt after a crash is recognisably the same mail.
 */
public final class MeetingLetters {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Session session;
    private final String baseUrl;
    private final ServiceMailboxes mailboxes;

    public MeetingLetters(Session session, String baseUrl, ServiceMailboxes mailboxes) {
        this.session = session;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.mailboxes = mailboxes;
    }

    public String joinUrl(CollaborationSession meeting) {
        return baseUrl + "/join/" + meeting.getPublicId();
    }

    public MimeMessage invitation(CollaborationSession meeting, Participant participant, String credential,
                                  String replyToMessageId, Instant now) throws MessagingException {
        String personalLink = joinUrl(meeting) + "?credential=" + credential;
        StringBuilder text = new StringBuilder();
        text.append("Hello ").append(participant.getUser().getDisplayName()).append(",\n\n")
                .append(meeting.getInitiator().getDisplayName()).append(" invites you to a ")
                .append(meeting.getType().label()).append(" session: ").append(title(meeting)).append("\n\n")
                .append("When:  ").append(WHEN.format(meeting.getStartsAt())).append(" to ")
                .append(WHEN.format(meeting.getEndsAt())).append("\n")
                .append("Join:  ").append(personalLink).append("\n")
                .append("       (this link is yours alone and works until the session ends)\n\n")
                .append("Participants:\n");
        for (Participant p : meeting.getParticipants()) {
            text.append("  - ").append(p.getUser().getDisplayName()).append(" <").append(p.getUser().getEmail()).append(">")
                    .append(p.getRole() == Participant.Role.INITIATOR ? " (organiser)" : "").append("\n");
        }
        text.append("\nSession: ").append(meeting.getPublicId()).append("\n")
                .append("Reply to this mail naming new addresses in To to invite more people, or with the word\n")
                .append("\"cancel\" (organiser only) to cancel the session.\n");

        MimeMessage message = base(meeting, "Invitation: " + title(meeting), participant.getUser().getEmail(),
                "invite." + participant.getUser().getUsername() + "." + meeting.getCalendarSequence(), replyToMessageId, now);
        return withCalendar(message, text.toString(), calendar(meeting, "REQUEST", now), "REQUEST");
    }

    /** Tells an existing participant that the session changed (new participants); no new credential. */
    public MimeMessage update(CollaborationSession meeting, Participant participant, List<String> added, Instant now)
            throws MessagingException {
        String text = "Hello " + participant.getUser().getDisplayName() + ",\n\n"
                + String.join(", ", added) + (added.size() == 1 ? " was" : " were") + " added to the "
                + meeting.getType().label() + " session \"" + title(meeting) + "\" (" + WHEN.format(meeting.getStartsAt())
                + " to " + WHEN.format(meeting.getEndsAt()) + ").\n"
                + "Your link from the first invitation still works: " + joinUrl(meeting) + "\n";
        MimeMessage message = base(meeting, "Updated: " + title(meeting), participant.getUser().getEmail(),
                "update." + participant.getUser().getUsername() + "." + meeting.getCalendarSequence(), null, now);
        return withCalendar(message, text, calendar(meeting, "REQUEST", now), "REQUEST");
    }

    /** Tells a participant that the organiser moved the session (iMIP REQUEST with the next SEQUENCE). */
    public MimeMessage rescheduled(CollaborationSession meeting, Participant participant, Instant now) throws MessagingException {
        String text = "Hello " + participant.getUser().getDisplayName() + ",\n\n"
                + meeting.getInitiator().getDisplayName() + " moved the " + meeting.getType().label() + " session \""
                + title(meeting) + "\".\n\n"
                + "When:  " + WHEN.format(meeting.getStartsAt()) + " to " + WHEN.format(meeting.getEndsAt()) + "\n"
                + "Your link from the first invitation still works: " + joinUrl(meeting) + "\n";
        MimeMessage message = base(meeting, "Rescheduled: " + title(meeting), participant.getUser().getEmail(),
                "reschedule." + participant.getUser().getUsername() + "." + meeting.getCalendarSequence(), null, now);
        return withCalendar(message, text, calendar(meeting, "REQUEST", now), "REQUEST");
    }

    /** Tells a participant that the session was cancelled before its end (iMIP CANCEL). */
    public MimeMessage cancellation(CollaborationSession meeting, Participant participant, Instant now) throws MessagingException {
        String text = "Hello " + participant.getUser().getDisplayName() + ",\n\nThe " + meeting.getType().label()
                + " session \"" + title(meeting) + "\" planned from " + WHEN.format(meeting.getStartsAt()) + " to "
                + WHEN.format(meeting.getEndsAt()) + " was cancelled by " + meeting.getInitiator().getDisplayName() + ".\n";
        MimeMessage message = base(meeting, "Cancelled: " + title(meeting), participant.getUser().getEmail(),
                "cancel." + participant.getUser().getUsername(), null, now);
        return withCalendar(message, text, calendar(meeting, "CANCEL", now), "CANCEL");
    }

    private static MimeMessage withCalendar(MimeMessage message, String text, String calendarText, String method)
            throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        alternative.addBodyPart(plain);
        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setContent(calendarText, "text/calendar; charset=UTF-8; method=" + method);
        calendar.setHeader("Content-Transfer-Encoding", "8bit");
        alternative.addBodyPart(calendar);
        message.setContent(alternative);
        return message;
    }

    public MimeMessage notice(CollaborationSession meeting, String informedAddress, String replyToMessageId, Instant now)
            throws MessagingException {
        String text = "Hello,\n\n" + meeting.getInitiator().getDisplayName() + " has organised a "
                + meeting.getType().label() + " session, \"" + title(meeting) + "\", from "
                + WHEN.format(meeting.getStartsAt()) + " to " + WHEN.format(meeting.getEndsAt()) + ".\n"
                + "You were copied for your information; you are not a participant and need no credential.\n";
        MimeMessage message = base(meeting, "For your information: " + title(meeting), informedAddress,
                "notice." + Integer.toHexString(informedAddress.hashCode()), replyToMessageId, now);
        message.setText(text, "UTF-8");
        return message;
    }

    public MimeMessage leftOutReport(CollaborationSession meeting, List<String> leftOut, String replyToMessageId, Instant now)
            throws MessagingException {
        StringBuilder text = new StringBuilder("Hello,\n\nYour ").append(meeting.getType().label()).append(" session \"")
                .append(title(meeting)).append("\" is set up, but these addressees were left out:\n\n");
        for (String address : leftOut) {
            text.append("  - ").append(address).append(": not a registered user of Liaison\n");
        }
        text.append("\nThe other participants were invited. Register the missing people, then reply to your\n")
                .append("invitation naming them in To to add them.\n");
        MimeMessage message = base(meeting, "Some addressees were left out: " + title(meeting),
                meeting.getInitiator().getEmail(), "left-out", replyToMessageId, now);
        message.setText(text.toString(), "UTF-8");
        return message;
    }

    /** A bounce: the mail could not be turned into a session, and why. */
    /** The session a reply is about: named by a Message-ID Liaison gave, or by its id in the subject or body. */
    public static Optional<String> referencedSessionId(MeetingMail mail, ServiceMailboxes mailboxes) {
        for (String reference : mail.references()) {
            String inner = reference.substring(1, reference.length() - 1);
            int at = inner.lastIndexOf('@');
            if (at > 0 && inner.substring(at + 1).equalsIgnoreCase(mailboxes.domain())) {
                String local = inner.substring(0, at);
                return Optional.of(local.substring(local.lastIndexOf('.') + 1));
            }
        }
        Matcher named = SESSION_ID.matcher(mail.subject() + "\n" + mail.text());
        return named.find() ? Optional.of(named.group(1)) : Optional.empty();
    }

    private static final Pattern SESSION_ID =
            Pattern.compile("(?i)\\bsession\\s*[:#]?\\s*([A-Za-z0-9_-]{32})\\b");

    public MimeMessage bounce(String to, String originalSubject, String originalMessageId, String reason, Instant now)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<bounce." + Integer.toHexString(originalMessageId.hashCode()) + "."
                        + Integer.toHexString(to.hashCode()) + "@" + mailboxes.domain() + ">");
            }
        };
        message.setFrom(from("postmaster", "Liaison"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Not delivered: " + (originalSubject == null || originalSubject.isBlank() ? "(no subject)" : originalSubject), "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("In-Reply-To", originalMessageId);
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setText("Your message " + originalMessageId + " did not create a meeting.\n\nReason: " + reason + "\n\n"
                + "Nothing was created. Correct the message and send it again.\n", "UTF-8");
        return message;
    }

    String calendar(CollaborationSession meeting, String method, Instant now) {
        List<ICalendarText.Attendee> attendees = meeting.getParticipants().stream()
                .map(p -> new ICalendarText.Attendee(p.getUser().getEmail(), p.getUser().getDisplayName())).toList();
        return ICalendarText.event(method, meeting.getCalendarUid(), meeting.getCalendarSequence(), now,
                meeting.getStartsAt(), meeting.getEndsAt(), title(meeting),
                meeting.getType().label() + " session " + meeting.getPublicId() + ": " + joinUrl(meeting), joinUrl(meeting),
                new ICalendarText.Attendee(meeting.getInitiator().getEmail(), meeting.getInitiator().getDisplayName()),
                attendees, "CANCEL".equals(method));
    }

    private MimeMessage base(CollaborationSession meeting, String subject, String to, String purposeKey,
                             String replyToMessageId, Instant now) throws MessagingException {
        String messageId = "<" + purposeKey + "." + meeting.getPublicId() + "@" + mailboxes.domain() + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        InternetAddress service = from(meeting.getType().label(), "Liaison " + meeting.getType().label());
        message.setFrom(service);
        message.setReplyTo(new InternetAddress[]{service});
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("X-Liaison-Session", meeting.getPublicId());
        if (replyToMessageId != null) {
            message.setHeader("References", replyToMessageId);
        }
        return message;
    }

    private InternetAddress from(String localPart, String name) throws MessagingException {
        try {
            return new InternetAddress(mailboxes.address(localPart), name, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is missing", e);
        }
    }

    private static String title(CollaborationSession meeting) {
        return meeting.getTitle() == null || meeting.getTitle().isBlank()
                ? meeting.getType().label() + " session" : meeting.getTitle();
    }
}

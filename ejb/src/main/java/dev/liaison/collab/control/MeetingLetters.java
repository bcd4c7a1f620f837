package dev.liaison.collab.control;

import dev.liaison.collab.boundary.ServiceMailboxes;
import dev.liaison.collab.entity.CollaborationSession;
import dev.liaison.collab.entity.Participant;
import dev.liaison.platform.InboundMail;
import dev.liaison.platform.Letter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The letters of the meeting feature: invitations (with their iMIP part), notices to Cc
 * addresses, the report of left-out addressees, and bounces, as {@link Letter}s the mail edge
 * writes as MIME. Message-IDs are derived from what the letter is about, so a letter rebuilt
 * after a crash is recognisably the same mail.
 */
public final class MeetingLetters {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String baseUrl;
    private final ServiceMailboxes mailboxes;

    public MeetingLetters(String baseUrl, ServiceMailboxes mailboxes) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.mailboxes = mailboxes;
    }

    public String joinUrl(CollaborationSession meeting) {
        return baseUrl + "/join/" + meeting.getPublicId();
    }

    public Letter invitation(CollaborationSession meeting, Participant participant, String credential,
                                  String replyToMessageId, Instant now) {
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

        return base(meeting, "Invitation: " + title(meeting), participant.getUser().getEmail(),
                "invite." + participant.getUser().getUsername() + "." + meeting.getCalendarSequence(), replyToMessageId, now,
                text.toString(), imip(meeting, "REQUEST", now), "invitation");
    }

    /** Tells an existing participant that the session changed (new participants); no new credential. */
    public Letter update(CollaborationSession meeting, Participant participant, List<String> added, Instant now)
            {
        String text = "Hello " + participant.getUser().getDisplayName() + ",\n\n"
                + String.join(", ", added) + (added.size() == 1 ? " was" : " were") + " added to the "
                + meeting.getType().label() + " session \"" + title(meeting) + "\" (" + WHEN.format(meeting.getStartsAt())
                + " to " + WHEN.format(meeting.getEndsAt()) + ").\n"
                + "Your link from the first invitation still works: " + joinUrl(meeting) + "\n";
        return base(meeting, "Updated: " + title(meeting), participant.getUser().getEmail(),
                "update." + participant.getUser().getUsername() + "." + meeting.getCalendarSequence(), null, now,
                text, imip(meeting, "REQUEST", now), "update");
    }

    /** Tells a participant that the organiser moved the session (iMIP REQUEST with the next SEQUENCE). */
    public Letter rescheduled(CollaborationSession meeting, Participant participant, Instant now) {
        String text = "Hello " + participant.getUser().getDisplayName() + ",\n\n"
                + meeting.getInitiator().getDisplayName() + " moved the " + meeting.getType().label() + " session \""
                + title(meeting) + "\".\n\n"
                + "When:  " + WHEN.format(meeting.getStartsAt()) + " to " + WHEN.format(meeting.getEndsAt()) + "\n"
                + "Your link from the first invitation still works: " + joinUrl(meeting) + "\n";
        return base(meeting, "Rescheduled: " + title(meeting), participant.getUser().getEmail(),
                "reschedule." + participant.getUser().getUsername() + "." + meeting.getCalendarSequence(), null, now,
                text, imip(meeting, "REQUEST", now), "update");
    }

    /** Tells a participant that the session was cancelled before its end (iMIP CANCEL). */
    public Letter cancellation(CollaborationSession meeting, Participant participant, Instant now) {
        String text = "Hello " + participant.getUser().getDisplayName() + ",\n\nThe " + meeting.getType().label()
                + " session \"" + title(meeting) + "\" planned from " + WHEN.format(meeting.getStartsAt()) + " to "
                + WHEN.format(meeting.getEndsAt()) + " was cancelled by " + meeting.getInitiator().getDisplayName() + ".\n";
        return base(meeting, "Cancelled: " + title(meeting), participant.getUser().getEmail(),
                "cancel." + participant.getUser().getUsername(), null, now, text, imip(meeting, "CANCEL", now), "cancellation");
    }

    public Letter notice(CollaborationSession meeting, String informedAddress, String replyToMessageId, Instant now)
            {
        String text = "Hello,\n\n" + meeting.getInitiator().getDisplayName() + " has organised a "
                + meeting.getType().label() + " session, \"" + title(meeting) + "\", from "
                + WHEN.format(meeting.getStartsAt()) + " to " + WHEN.format(meeting.getEndsAt()) + ".\n"
                + "You were copied for your information; you are not a participant and need no credential.\n";
        return base(meeting, "For your information: " + title(meeting), informedAddress,
                "notice." + Integer.toHexString(informedAddress.hashCode()), replyToMessageId, now, text, null, "notice");
    }

    public Letter leftOutReport(CollaborationSession meeting, List<String> leftOut, String replyToMessageId, Instant now)
            {
        StringBuilder text = new StringBuilder("Hello,\n\nYour ").append(meeting.getType().label()).append(" session \"")
                .append(title(meeting)).append("\" is set up, but these addressees were left out:\n\n");
        for (String address : leftOut) {
            text.append("  - ").append(address).append(": not a registered user of Liaison\n");
        }
        text.append("\nThe other participants were invited. Register the missing people, then reply to your\n")
                .append("invitation naming them in To to add them.\n");
        return base(meeting, "Some addressees were left out: " + title(meeting),
                meeting.getInitiator().getEmail(), "left-out", replyToMessageId, now, text.toString(), null, "left-out-report");
    }

    /** The session a reply is about: named by a Message-ID Liaison gave, or by its id in the subject or body. */
    public static Optional<String> referencedSessionId(InboundMail mail, ServiceMailboxes mailboxes) {
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

    /**
     * A bounce: the mail could not be turned into a session, and why. It names the original by
     * whatever could be read of it (subject, date, Message-ID), so the sender can tell which
     * mail it was; a mail without a Message-ID is named without one, never by an id of ours.
     */
    public Letter bounce(String to, InboundMail original, String reason, Instant now) {
        String subject = original.subject().isBlank() ? null : original.subject();
        StringBuilder named = new StringBuilder("Your message");
        if (subject != null) {
            named.append(" \"").append(subject).append("\"");
        }
        if (original.date() != null) {
            named.append(" of ").append(WHEN.format(original.date()));
        }
        if (original.messageId() != null) {
            named.append(" (Message-ID ").append(original.messageId()).append(")");
        }
        String text = named + " did not create a meeting.\n\nReason: " + reason + "\n\n"
                + "Nothing was created. Correct the message and send it again.\n";
        Map<String, String> headers = new LinkedHashMap<>();
        if (original.messageId() != null) {
            headers.put("In-Reply-To", original.messageId());
            headers.put("References", original.messageId());
        }
        headers.put("Auto-Submitted", "auto-replied");
        String messageId = "<bounce." + Integer.toHexString(original.dedupeKey().hashCode()) + "."
                + Integer.toHexString(to.hashCode()) + "@" + mailboxes.domain() + ">";
        return new Letter(messageId, from("postmaster", "Liaison"), null, List.of(to),
                "Not delivered: " + (subject == null ? "(no subject)" : subject), now, headers, text, null, "bounce");
    }

    private Letter.Calendar imip(CollaborationSession meeting, String method, Instant now) {
        return new Letter.Calendar(method, calendar(meeting, method, now));
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

    private Letter base(CollaborationSession meeting, String subject, String to, String purposeKey, String replyToMessageId,
                        Instant now, String text, Letter.Calendar calendar, String purpose) {
        String messageId = "<" + purposeKey + "." + meeting.getPublicId() + "@" + mailboxes.domain() + ">";
        Letter.Party service = from(meeting.getType().label(), "Liaison " + meeting.getType().label());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Liaison-Session", meeting.getPublicId());
        if (replyToMessageId != null) {
            headers.put("References", replyToMessageId);
        }
        return new Letter(messageId, service, service, List.of(to), subject, now, headers, text, calendar, purpose);
    }

    private Letter.Party from(String localPart, String name) {
        return new Letter.Party(mailboxes.address(localPart), name);
    }

    private static String title(CollaborationSession meeting) {
        return meeting.getTitle() == null || meeting.getTitle().isBlank()
                ? meeting.getType().label() + " session" : meeting.getTitle();
    }
}

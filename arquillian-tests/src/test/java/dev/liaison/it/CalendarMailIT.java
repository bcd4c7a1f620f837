package dev.liaison.it;

import dev.liaison.it.Mailboxes.Mail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendars that mail clients send set the meeting time, and the organiser's calendar client
 * cancels and moves the session: real SMTP in, real IMAP out, mails shaped like Outlook's.
 */
class CalendarMailIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The zone whose rules the Windows zone "W. Europe Standard Time" of the samples defines. */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    private static String email(String username) {
        return username + "@example.com";
    }

    private static String messageId() {
        return "<" + Names.unique("cal") + "@outlook.example.com>";
    }

    /** Two weeks ahead at 14:00 in Berlin, on the hour, so that the expected UTC time is plain to read. */
    private static LocalDateTime inTwoWeeks() {
        return LocalDateTime.now(BERLIN).plusDays(14).truncatedTo(ChronoUnit.DAYS).withHour(14);
    }

    private static String utc(LocalDateTime berlin) {
        return UTC.format(berlin.atZone(BERLIN).toInstant());
    }

    /** An iCalendar as Outlook writes it: CRLF, a Windows zone name with its VTIMEZONE, folded lines. */
    private static String outlookCalendar(String method, String uid, int sequence, String summary, String organiser,
                                          String guest, LocalDateTime start, LocalDateTime end) {
        return String.join("\r\n",
                "BEGIN:VCALENDAR",
                "METHOD:" + method,
                "PRODID:Microsoft Exchange Server 2010",
                "VERSION:2.0",
                "BEGIN:VTIMEZONE",
                "TZID:W. Europe Standard Time",
                "BEGIN:STANDARD",
                "DTSTART:16010101T030000",
                "TZOFFSETFROM:+0200",
                "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
                "END:STANDARD",
                "BEGIN:DAYLIGHT",
                "DTSTART:16010101T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
                "END:DAYLIGHT",
                "END:VTIMEZONE",
                "BEGIN:VEVENT",
                "ORGANIZER;CN=Organiser:mailto:" + organiser,
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=whiteboard@",
                " liaison.test:mailto:whiteboard@liaison.test",
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Guest:mailt",
                " o:" + guest,
                "DESCRIPTION;LANGUAGE=en-GB:Let us go through the figures of the quarter an",
                " d agree on the plan.\\n",
                "UID:" + uid,
                "SUMMARY;LANGUAGE=en-GB:" + summary,
                "DTSTART;TZID=W. Europe Standard Time:" + LOCAL.format(start),
                "DTEND;TZID=W. Europe Standard Time:" + LOCAL.format(end),
                "CLASS:PUBLIC",
                "PRIORITY:5",
                "DTSTAMP:20261123T091512Z",
                "TRANSP:OPAQUE",
                "STATUS:" + ("CANCEL".equals(method) ? "CANCELLED" : "CONFIRMED"),
                "SEQUENCE:" + sequence,
                "X-MICROSOFT-CDO-APPT-SEQUENCE:" + sequence,
                "END:VEVENT",
                "END:VCALENDAR",
                "");
    }

    /**
     * A mail as Outlook sends an invitation: text and calendar as alternatives, the calendar
     * attached again as invite.ics. The text also carries a time line, which the calendar overrides.
     */
    private static String outlookMail(String id, String from, String to, String subject, String calendar, String method) {
        String encoded = Base64.getMimeEncoder().encodeToString(calendar.getBytes(StandardCharsets.UTF_8));
        return "Message-ID: " + id + "\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0100\n"
                + "From: \"Organiser\" <" + from + ">\n"
                + "To: " + to + "\n"
                + "Subject: " + subject + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"_002_outer_\"\n"
                + "\n"
                + "--_002_outer_\n"
                + "Content-Type: multipart/alternative; boundary=\"_000_inner_\"\n"
                + "\n"
                + "--_000_inner_\n"
                + "Content-Type: text/plain; charset=\"us-ascii\"\n"
                + "\n"
                + "start: 2035-01-01 09:00 UTC\n"
                + "\n"
                + "--_000_inner_\n"
                + "Content-Type: text/calendar; charset=\"utf-8\"; method=" + method + "\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + encoded + "\n"
                + "--_000_inner_--\n"
                + "\n"
                + "--_002_outer_\n"
                + "Content-Type: application/ics; name=\"invite.ics\"\n"
                + "Content-Disposition: attachment; filename=\"invite.ics\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + encoded + "\n"
                + "--_002_outer_--\n";
    }

    private static Predicate<Mail> subjectStarting(String prefix, String subject) {
        return m -> m.subject() != null && m.subject().startsWith(prefix) && m.subject().contains(subject);
    }

    @Test
    void anOutlookInvitationWithAWindowsZoneSetsTheTimeOfTheInvitations() {
        String organiser = user("olk");
        String guest = user("olkguest");
        String subject = "Quarterly planning " + Names.unique("s");
        LocalDateTime start = inTwoWeeks();

        Mailboxes.send(outlookMail(messageId(), email(organiser), "whiteboard@liaison.test, " + email(guest), subject,
                        outlookCalendar("REQUEST", Names.unique("040000008200E00074C5B7101A82E008"), 0, subject,
                                email(organiser), email(guest), start, start.plusMinutes(90)), "REQUEST"),
                email(organiser), "whiteboard@liaison.test");

        Mail invitation = Mailboxes.await(email(guest), subjectStarting("Invitation:", subject), 1, WAIT).get(0);
        assertThat(invitation.calendar()).contains("DTSTART:" + utc(start))
                .contains("DTEND:" + utc(start.plusMinutes(90)));
        assertThat(invitation.text()).as("the calendar wins over the time line of the text").doesNotContain("2035");
        assertThat(Mailboxes.await(email(organiser), subjectStarting("Invitation:", subject), 1, WAIT).get(0).calendar())
                .contains("DTSTART:" + utc(start));
    }

    @Test
    void aVCalendarAttachmentSetsTheTimeOfTheInvitations() {
        String organiser = user("vcs");
        String guest = user("vcsguest");
        String subject = "Budget " + Names.unique("s");
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.ofHours(2)).plusDays(10).truncatedTo(ChronoUnit.HOURS);
        // LF only: the mail is sent with CRLF line ends, which the quoted-printable part keeps
        String vcs = String.join("\n",
                "BEGIN:VCALENDAR",
                "VERSION:1.0",
                "PRODID:-//Handset//Organiser 3.1//EN",
                "TZ:+02:00",
                "BEGIN:VEVENT",
                "UID:" + Names.unique("vcs"),
                "SUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:R=C3=A9union budg=C3=A9taire",
                "DTSTART:" + LOCAL.format(start),
                "DTEND:" + LOCAL.format(start.plusMinutes(45)),
                "END:VEVENT",
                "END:VCALENDAR",
                "");

        Mailboxes.send("Message-ID: " + messageId() + "\n"
                        + "From: <" + email(organiser) + ">\n"
                        + "To: chat@liaison.test, " + email(guest) + "\n"
                        + "Subject: " + subject + "\n"
                        + "MIME-Version: 1.0\n"
                        + "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                        + "--b\nContent-Type: text/plain; charset=UTF-8\n\nThe date is in the attached file.\n"
                        + "--b\nContent-Type: text/x-vcalendar; charset=UTF-8; name=\"meeting.vcs\"\n"
                        + "Content-Disposition: attachment; filename=\"meeting.vcs\"\n"
                        + "Content-Transfer-Encoding: quoted-printable\n\n"
                        + vcs.replace("=", "=3D") + "\n"
                        + "--b--\n",
                email(organiser), "chat@liaison.test");

        Mail invitation = Mailboxes.await(email(guest), subjectStarting("Invitation:", subject), 1, WAIT).get(0);
        assertThat(invitation.calendar()).contains("DTSTART:" + UTC.format(start.toInstant()))
                .contains("DTEND:" + UTC.format(start.plusMinutes(45).toInstant()));
    }

    @Test
    void aBrokenCalendarIsBouncedWithTheReasonAndCreatesNothing() throws InterruptedException {
        String organiser = user("brk");
        String guest = user("brkguest");
        String subject = "Broken " + Names.unique("s");
        String broken = outlookCalendar("REQUEST", Names.unique("uid"), 0, subject, email(organiser), email(guest),
                inTwoWeeks(), inTwoWeeks().plusHours(1)).replaceFirst("DTSTART;TZID=W. Europe Standard Time:\\d+T\\d+",
                "DTSTART;TZID=W. Europe Standard Time:next Tuesday");

        Mailboxes.send(outlookMail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), subject, broken,
                "REQUEST"), email(organiser), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(organiser), subjectStarting("Not delivered", subject), 1, WAIT).get(0);
        assertThat(bounce.text()).contains("cannot be read: line").contains("next Tuesday").contains("Nothing was created");
        Thread.sleep(2000);
        assertThat(Mailboxes.read(email(guest))).noneMatch(m -> m.subject().contains(subject));
        assertThat(Mailboxes.read(email(organiser))).noneMatch(subjectStarting("Invitation:", subject));
    }

    @Test
    void theOrganisersImipCancelCancelsTheSessionForEveryone() {
        String organiser = user("ccl");
        String guest = user("cclguest");
        String subject = "Design review " + Names.unique("s");
        String uid = Names.unique("040000008200E00074C5B7101A82E008");
        LocalDateTime start = inTwoWeeks();
        Mailboxes.send(outlookMail(messageId(), email(organiser), "whiteboard@liaison.test, " + email(guest), subject,
                        outlookCalendar("REQUEST", uid, 0, subject, email(organiser), email(guest), start, start.plusHours(1)),
                        "REQUEST"),
                email(organiser), "whiteboard@liaison.test");
        Mail invitation = Mailboxes.await(email(guest), subjectStarting("Invitation:", subject), 1, WAIT).get(0);

        // Outlook's own cancellation: a new mail, no reference to ours, the event's UID and the next SEQUENCE
        Mailboxes.send(outlookMail(messageId(), email(organiser), "whiteboard@liaison.test, " + email(guest),
                        "Canceled: " + subject,
                        outlookCalendar("CANCEL", uid, 1, subject, email(organiser), email(guest), start, start.plusHours(1)),
                        "CANCEL"),
                email(organiser), "whiteboard@liaison.test");

        Mail cancel = Mailboxes.await(email(guest), subjectStarting("Cancelled:", subject), 1, WAIT).get(0);
        assertThat(cancel.calendarContentType()).containsIgnoringCase("method=CANCEL");
        assertThat(cancel.calendar()).contains("METHOD:CANCEL").contains("STATUS:CANCELLED")
                .contains("UID:" + uid(invitation.calendar()));
        Mailboxes.await(email(organiser), subjectStarting("Cancelled:", subject), 1, WAIT);
        assertThat(status(LiaisonClient.browser(base).get(relative(invitation.joinLink())))).isEqualTo("OVER");
    }

    @Test
    void theSameEventAgainChangesNothingAndAHigherSequenceMovesTheSession() {
        String organiser = user("mov");
        String guest = user("movguest");
        String subject = "Moving " + Names.unique("s");
        String uid = Names.unique("thunderbird-uid");
        LocalDateTime start = inTwoWeeks();
        LocalDateTime later = start.plusDays(1).withHour(9);
        String first = outlookCalendar("REQUEST", uid, 0, subject, email(organiser), email(guest), start, start.plusHours(1));
        Mailboxes.send(outlookMail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), subject, first,
                "REQUEST"), email(organiser), "chat@liaison.test");
        Mail invitation = Mailboxes.await(email(guest), subjectStarting("Invitation:", subject), 1, WAIT).get(0);

        // the client sends the same event again (same UID and SEQUENCE, new Message-ID), then moves it
        Mailboxes.send(outlookMail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), subject, first,
                "REQUEST"), email(organiser), "chat@liaison.test");
        Mailboxes.send(outlookMail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), subject,
                        outlookCalendar("REQUEST", uid, 1, subject, email(organiser), email(guest), later, later.plusHours(1)),
                        "REQUEST"),
                email(organiser), "chat@liaison.test");

        Mail moved = Mailboxes.await(email(guest), subjectStarting("Rescheduled:", subject), 1, WAIT).get(0);
        assertThat(moved.calendar()).contains("DTSTART:" + utc(later)).contains("SEQUENCE:1")
                .contains("UID:" + uid(invitation.calendar()));
        assertThat(moved.text()).doesNotContain("credential=");
        assertThat(Mailboxes.read(email(guest))).as("the copy of the event made no second session")
                .filteredOn(subjectStarting("Invitation:", subject)).hasSize(1);
        assertThat(LiaisonClient.browser(base).get(relative(invitation.joinLink())).body()).contains("data-status=\"NOT_YET_OPEN\"");
    }

    private static String uid(String calendar) {
        Matcher matcher = Pattern.compile("(?m)^UID:(.+)\\r?$").matcher(calendar);
        assertThat(matcher.find()).as("UID in " + calendar).isTrue();
        return matcher.group(1).strip();
    }

    private static String status(HttpResponse<String> page) {
        Matcher matcher = Pattern.compile("data-status=\"([A-Z_]+)\"").matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return matcher.group(1);
    }

    private static String relative(String link) {
        int at = link.indexOf("/liaison/");
        return link.substring(at + "/liaison/".length());
    }
}

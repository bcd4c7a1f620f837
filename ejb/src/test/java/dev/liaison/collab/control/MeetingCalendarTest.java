package dev.liaison.collab.control;

import dev.liaison.platform.InboundMail.CalendarPart;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingCalendarTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration HOUR = Duration.ofHours(1);

    /** Calendar text as mail clients write it: CRLF line ends. */
    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static MeetingCalendar read(String filename, String type, String text) throws Exception {
        return MeetingCalendar.read(List.of(new CalendarPart(filename, type, crlf(text))), PARIS, HOUR).orElseThrow();
    }

    private static MeetingCalendar ics(String text) throws Exception {
        return read("invite.ics", "text/calendar", text);
    }

    /** Shaped like an Outlook (Exchange) invitation: Windows zone name defined by its VTIMEZONE, folded lines. */
    static final String OUTLOOK = """
            BEGIN:VCALENDAR
            METHOD:REQUEST
            PRODID:Microsoft Exchange Server 2010
            VERSION:2.0
            BEGIN:VTIMEZONE
            TZID:W. Europe Standard Time
            BEGIN:STANDARD
            DTSTART:16010101T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            ORGANIZER;CN=Claire Martin:mailto:claire.martin@example.com
            ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=whiteboard@
             liaison.test:mailto:whiteboard@liaison.test
            ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Hugo Bernard
             :mailto:hugo.bernard@example.com
            DESCRIPTION;LANGUAGE=en-GB:Agenda: the figures of the third quarter and the
              plan for the next one.\\n\\n
            UID:040000008200E00074C5B7101A82E00800000000B0C7A3D1F4E5DC0100000000000000001
             000000042D1E8A9C8E5B54C9A1E0C6D3F2B7A11
            SUMMARY;LANGUAGE=en-GB:Quarterly planning
            DTSTART;TZID=W. Europe Standard Time:20261201T140000
            DTEND;TZID=W. Europe Standard Time:20261201T153000
            CLASS:PUBLIC
            PRIORITY:5
            DTSTAMP:20261123T091512Z
            TRANSP:OPAQUE
            STATUS:CONFIRMED
            SEQUENCE:0
            LOCATION;LANGUAGE=en-GB:Whiteboard
            X-MICROSOFT-CDO-APPT-SEQUENCE:0
            X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
            X-MICROSOFT-CDO-IMPORTANCE:1
            X-MICROSOFT-DISALLOW-COUNTER:FALSE
            BEGIN:VALARM
            DESCRIPTION:REMINDER
            TRIGGER;RELATED=START:-PT15M
            ACTION:DISPLAY
            END:VALARM
            END:VEVENT
            END:VCALENDAR
            """;

    @Test
    void anOutlookInvitationWithAWindowsZoneNameUsesTheZoneItDefines() throws Exception {
        MeetingCalendar calendar = ics(OUTLOOK);

        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T14:30:00Z"));
        assertThat(calendar.method()).isEqualTo("REQUEST");
        assertThat(calendar.cancels()).isFalse();
        assertThat(calendar.uid()).as("the folded UID is unfolded")
                .isEqualTo("040000008200E00074C5B7101A82E00800000000B0C7A3D1F4E5DC0100000000000000001"
                        + "000000042D1E8A9C8E5B54C9A1E0C6D3F2B7A11");
        assertThat(calendar.sequence()).isZero();
        assertThat(calendar.summary()).isEqualTo("Quarterly planning");
        assertThat(calendar.source()).isEqualTo("invite.ics");
    }

    @Test
    void summerTimeOfTheDefinedZoneApplies() throws Exception {
        MeetingCalendar calendar = ics(OUTLOOK.replace("20261201T140000", "20270701T140000")
                .replace("20261201T153000", "20270701T153000"));

        assertThat(calendar.start()).isEqualTo(Instant.parse("2027-07-01T12:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2027-07-01T13:30:00Z"));
    }

    @Test
    void theCalendarsOwnDefinitionWinsOverWhatTheNameWouldSuggest() throws Exception {
        // Outlook names a zone it cannot map "Customized Time Zone"; only the definition gives the offset
        String custom = OUTLOOK.replace("W. Europe Standard Time", "Customized Time Zone")
                .replaceAll("(?s)BEGIN:STANDARD.*END:DAYLIGHT\n", """
                        BEGIN:STANDARD
                        DTSTART:16010101T000000
                        TZOFFSETFROM:+0530
                        TZOFFSETTO:+0530
                        END:STANDARD
                        """);

        MeetingCalendar calendar = ics(custom);

        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
    }

    /** Shaped like a Thunderbird (Lightning) invitation: Olson zone with its VTIMEZONE, LF only, DTEND. */
    static final String THUNDERBIRD = """
            BEGIN:VCALENDAR
            PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
            VERSION:2.0
            METHOD:REQUEST
            BEGIN:VTIMEZONE
            TZID:Europe/Paris
            X-TZINFO:Europe/Paris[2026b]
            BEGIN:DAYLIGHT
            TZOFFSETTO:+020000
            TZOFFSETFROM:+010000
            TZNAME:CEST
            DTSTART:20060326T020000
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETTO:+010000
            TZOFFSETFROM:+020000
            TZNAME:CET
            DTSTART:19961027T030000
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            CREATED:20261123T084011Z
            LAST-MODIFIED:20261123T084143Z
            DTSTAMP:20261123T084143Z
            UID:7c0e5a4e-2b61-4d8f-9e0b-3f1d6a2c9b47
            SUMMARY:Revue de conception
            ORGANIZER;RSVP=TRUE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:lea@example.fr
            ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT:mailto:chat@liaison.test
            DTSTART;TZID=Europe/Paris:20270701T090000
            DTEND;TZID=Europe/Paris:20270701T100000
            SEQUENCE:2
            TRANSP:OPAQUE
            END:VEVENT
            END:VCALENDAR
            """;

    @Test
    void aThunderbirdInvitationInEuropeParisWithItsDefinition() throws Exception {
        MeetingCalendar calendar = MeetingCalendar.read(List.of(new CalendarPart(null, "text/calendar", THUNDERBIRD)),
                ZoneId.of("UTC"), HOUR).orElseThrow();

        assertThat(calendar.start()).isEqualTo(Instant.parse("2027-07-01T07:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2027-07-01T08:00:00Z"));
        assertThat(calendar.sequence()).isEqualTo(2);
        assertThat(calendar.uid()).isEqualTo("7c0e5a4e-2b61-4d8f-9e0b-3f1d6a2c9b47");
        assertThat(calendar.source()).isEqualTo("text/calendar");
    }

    @Test
    void anOlsonZoneNeedsNoDefinition() throws Exception {
        String bare = THUNDERBIRD.replaceAll("(?s)BEGIN:VTIMEZONE.*END:VTIMEZONE\n", "");

        MeetingCalendar calendar = MeetingCalendar.read(List.of(new CalendarPart(null, "text/calendar", bare)),
                ZoneId.of("UTC"), HOUR).orElseThrow();

        assertThat(calendar.start()).isEqualTo(Instant.parse("2027-07-01T07:00:00Z"));
    }

    /** Shaped like a Gmail invitation: UTC times. */
    static final String GMAIL = """
            BEGIN:VCALENDAR
            PRODID:-//Google Inc//Google Calendar 70.9054//EN
            VERSION:2.0
            CALSCALE:GREGORIAN
            METHOD:REQUEST
            BEGIN:VEVENT
            DTSTART:20261201T130000Z
            DTEND:20261201T134500Z
            DTSTAMP:20261123T101010Z
            ORGANIZER;CN=Sam Lee:mailto:sam.lee@example.net
            UID:3k9v0q2m7r1t5b8n4c6x0z2a1s@google.com
            ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=
             TRUE;CN=chat@liaison.test;X-NUM-GUESTS=0:mailto:chat@liaison.test
            CREATED:20261123T101009Z
            DESCRIPTION:-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~
             :~:~:~:~:~:~:~:~::~:~::-\\nJoin with Liaison
            LAST-MODIFIED:20261123T101009Z
            LOCATION:
            SEQUENCE:0
            STATUS:CONFIRMED
            SUMMARY:Stand-up
            TRANSP:OPAQUE
            END:VEVENT
            END:VCALENDAR
            """;

    @Test
    void aGmailInvitationInUtc() throws Exception {
        MeetingCalendar calendar = ics(GMAIL);

        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T13:45:00Z"));
        assertThat(calendar.summary()).isEqualTo("Stand-up");
    }

    @Test
    void aDurationGivesTheEnd() throws Exception {
        MeetingCalendar calendar = ics(GMAIL.replace("DTEND:20261201T134500Z", "DURATION:PT1H30M"));

        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T14:30:00Z"));
    }

    @Test
    void withoutEndOrDurationTheDefaultDurationApplies() throws Exception {
        MeetingCalendar calendar = MeetingCalendar.read(List.of(new CalendarPart("a.ics", "application/ics",
                crlf(GMAIL.replace("DTEND:20261201T134500Z\n", "")))), PARIS, Duration.ofMinutes(25)).orElseThrow();

        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T13:25:00Z"));
    }

    @Test
    void aFloatingTimeIsInTheDefaultZone() throws Exception {
        MeetingCalendar calendar = ics(GMAIL.replace("DTSTART:20261201T130000Z", "DTSTART:20261201T090000")
                .replace("DTEND:20261201T134500Z", "DTEND:20261201T100000"));

        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void anAllDayEventLastsItsWholeDayInTheDefaultZone() throws Exception {
        MeetingCalendar oneDay = ics(GMAIL.replace("DTSTART:20261201T130000Z", "DTSTART;VALUE=DATE:20261201")
                .replace("DTEND:20261201T134500Z\n", ""));
        MeetingCalendar twoDays = ics(GMAIL.replace("DTSTART:20261201T130000Z", "DTSTART;VALUE=DATE:20261201")
                .replace("DTEND:20261201T134500Z", "DTEND;VALUE=DATE:20261203"));

        assertThat(oneDay.start()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(oneDay.end()).isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
        assertThat(twoDays.end()).isEqualTo(Instant.parse("2026-12-02T23:00:00Z"));
    }

    @Test
    void theFirstEventThatIsNotCancelledAndHasAStartIsUsed() throws Exception {
        String several = GMAIL.replace("BEGIN:VEVENT\n", """
                BEGIN:VEVENT
                UID:first-cancelled
                DTSTART:20261130T090000Z
                STATUS:CANCELLED
                SUMMARY:Dropped
                END:VEVENT
                BEGIN:VEVENT
                UID:no-start
                SUMMARY:A note
                END:VEVENT
                BEGIN:VEVENT
                """);

        MeetingCalendar calendar = ics(several);

        assertThat(calendar.summary()).isEqualTo("Stand-up");
        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
    }

    @Test
    void anImipCancelNamesTheEventItWithdraws() throws Exception {
        MeetingCalendar calendar = ics(THUNDERBIRD.replace("METHOD:REQUEST", "METHOD:CANCEL")
                .replace("SEQUENCE:2", "SEQUENCE:3\nSTATUS:CANCELLED"));

        assertThat(calendar.cancels()).isTrue();
        assertThat(calendar.uid()).isEqualTo("7c0e5a4e-2b61-4d8f-9e0b-3f1d6a2c9b47");
        assertThat(calendar.sequence()).isEqualTo(3);
        assertThat(calendar.start()).isNull();
    }

    /** A vCalendar 1.0 file as older organisers export it: local times with a TZ offset, quoted-printable text. */
    static final String VCS = """
            BEGIN:VCALENDAR
            PRODID:-//Nokia//PC Suite Calendar//EN
            VERSION:1.0
            TZ:+01:00
            BEGIN:VEVENT
            UID:vcs-4412-2026
            SUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:R=C3=A9union budg=C3=A9taire
            DESCRIPTION;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Ordre du jour :=0D=0A=
            1. Chiffres=0D=0A=
            2. Plan
            DTSTART:20261201T140000
            DTEND:20261201T151500
            CATEGORIES:MEETING
            CLASS:PUBLIC
            END:VEVENT
            END:VCALENDAR
            """;

    @Test
    void aVCalendarWithALocalOffsetAndQuotedPrintableText() throws Exception {
        MeetingCalendar calendar = read("meeting.vcs", "text/x-vcalendar", VCS);

        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T14:15:00Z"));
        assertThat(calendar.summary()).isEqualTo("Réunion budgétaire");
        assertThat(calendar.uid()).isEqualTo("vcs-4412-2026");
        assertThat(calendar.method()).isNull();
    }

    @Test
    void aVCalendarInUtcWithoutEnd() throws Exception {
        MeetingCalendar calendar = read("meeting.vcs", "text/x-vcalendar", VCS.replace("TZ:+01:00\n", "")
                .replace("DTSTART:20261201T140000", "DTSTART:20261201T130000Z").replace("DTEND:20261201T151500\n", ""));

        assertThat(calendar.start()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
        assertThat(calendar.end()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
    }

    @Test
    void aVCalendarWithoutOffsetIsInTheDefaultZone() throws Exception {
        MeetingCalendar calendar = read("meeting.vcs", "text/x-vcalendar", VCS.replace("TZ:+01:00\n", "")
                .replace("20261201T140000", "20270701T140000").replace("20261201T151500", "20270701T151500"));

        assertThat(calendar.start()).isEqualTo(Instant.parse("2027-07-01T12:00:00Z"));
    }

    @Test
    void aBrokenCalendarIsRefusedWithItsNameAndLine() {
        String broken = GMAIL.replace("DTSTART:20261201T130000Z", "DTSTART:2026-12-01 at one");

        assertThatThrownBy(() -> ics(broken)).isInstanceOf(MeetingCalendar.InvalidCalendarException.class)
                .hasMessageStartingWith("The attached calendar invite.ics cannot be read: line 7");
    }

    @Test
    void aBrokenTimeWithAZoneIsRefusedWithItsLineToo() {
        String broken = OUTLOOK.replace("DTSTART;TZID=W. Europe Standard Time:20261201T140000",
                "DTSTART;TZID=W. Europe Standard Time:next Tuesday");

        assertThatThrownBy(() -> ics(broken)).isInstanceOf(MeetingCalendar.InvalidCalendarException.class)
                .hasMessageStartingWith("The attached calendar invite.ics cannot be read: line 31: DTSTART 'next Tuesday'");
    }

    @Test
    void calendarTextThatIsNotACalendarIsRefused() {
        assertThatThrownBy(() -> ics("Please find the invitation attached.\n"))
                .isInstanceOf(MeetingCalendar.InvalidCalendarException.class)
                .hasMessageStartingWith("The attached calendar invite.ics cannot be read: line 1");
        assertThatThrownBy(() -> ics(GMAIL.replace("END:VCALENDAR\n", "")))
                .hasMessageContaining("invite.ics cannot be read").hasMessageContaining("end of file");
        assertThatThrownBy(() -> ics(" \n")).hasMessage("The attached calendar invite.ics is empty.");
    }

    @Test
    void anEventThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> ics(GMAIL.replace("DTEND:20261201T134500Z", "DTEND:20261201T120000Z")))
                .hasMessageStartingWith("The calendar event ends before it starts")
                .hasMessageContaining("2026-12-01T13:00:00Z").hasMessageContaining("2026-12-01T12:00:00Z");
        assertThatThrownBy(() -> read("x.vcs", "text/x-vcalendar", VCS.replace("DTEND:20261201T151500", "DTEND:20261201T100000")))
                .hasMessageStartingWith("The calendar event ends before it starts");
    }

    @Test
    void aZoneTheCalendarDoesNotDefineIsRefused() {
        String unknown = THUNDERBIRD.replaceAll("(?s)BEGIN:VTIMEZONE.*END:VTIMEZONE\n", "")
                .replace("TZID=Europe/Paris", "TZID=Foo/Bar");

        assertThatThrownBy(() -> ics(unknown))
                .hasMessageStartingWith("The calendar names the time zone 'Foo/Bar', which it does not define");
    }

    @Test
    void aCalendarDefiningTooManyTimeZonesIsRefusedBeforeItIsParsed() throws Exception {
        String zone = THUNDERBIRD.substring(THUNDERBIRD.indexOf("BEGIN:VTIMEZONE"), THUNDERBIRD.indexOf("BEGIN:VEVENT"));
        String crowded = THUNDERBIRD.replace(zone, zone.repeat(21));

        assertThatThrownBy(() -> ics(crowded)).hasMessage("The attached calendar invite.ics defines 21 time zones; at most 20 are read.");
        assertThat(MeetingCalendar.read(List.of(new CalendarPart(null, "text/calendar", THUNDERBIRD.replace(zone, zone.repeat(20)))),
                PARIS, HOUR)).isPresent();
    }

    @Test
    void aCalendarWithoutUsableEventIsRefused() {
        assertThatThrownBy(() -> ics(GMAIL.replace("DTSTART:20261201T130000Z\n", "")))
                .hasMessage("The attached calendar invite.ics holds no event with a start (DTSTART) that is not cancelled.");
        assertThatThrownBy(() -> ics(GMAIL.replaceAll("(?s)BEGIN:VEVENT.*END:VEVENT\n", "")))
                .hasMessage("The attached calendar invite.ics holds no event (VEVENT).");
    }

    @Test
    void everyCalendarPartMustBeReadableAndTheFirstDecides() throws Exception {
        CalendarPart gmail = new CalendarPart(null, "text/calendar", crlf(GMAIL));
        CalendarPart thunderbird = new CalendarPart("second.ics", "application/ics", crlf(THUNDERBIRD));
        CalendarPart broken = new CalendarPart("broken.ics", "application/ics", "BEGIN:VCALENDAR\r\nnonsense\r\n");

        assertThat(MeetingCalendar.read(List.of(gmail, thunderbird), PARIS, HOUR).orElseThrow().summary()).isEqualTo("Stand-up");
        assertThatThrownBy(() -> MeetingCalendar.read(List.of(gmail, broken), PARIS, HOUR))
                .hasMessageStartingWith("The attached calendar broken.ics cannot be read");
        assertThat(MeetingCalendar.read(List.of(), PARIS, HOUR)).isEmpty();
    }

    @Test
    void theTimeWindowFollowsTheRulesOfTextTimes() throws Exception {
        MeetingCalendar calendar = ics(GMAIL);

        assertThat(calendar.time(Instant.parse("2026-11-23T10:00:00Z"), Duration.ofMinutes(10)))
                .isEqualTo(new MeetingTime(Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T13:45:00Z")));
        assertThatThrownBy(() -> calendar.time(Instant.parse("2026-12-02T10:00:00Z"), Duration.ofMinutes(10)))
                .isInstanceOf(MeetingTime.InvalidMeetingTimeException.class).hasMessageContaining("in the past");
    }
}

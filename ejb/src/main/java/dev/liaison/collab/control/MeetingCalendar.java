package dev.liaison.collab.control;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.io.ParseWarning;
import biweekly.io.text.ICalReader;
import biweekly.util.ICalDate;
import dev.liaison.platform.InboundMail.CalendarPart;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.util.Configurator;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meeting a calendar sent with a mail describes: its start and end, and the identity the
 * organiser's calendar client gave it (UID, SEQUENCE, METHOD, SUMMARY).
 *
 * <p>iCalendar 2.0 (RFC 5545, as Outlook, Thunderbird and Gmail send it in iMIP invitations) is
 * read with ical4j; vCalendar 1.0 ({@code VERSION:1.0}, older phones and organisers) with
 * biweekly. Times are taken as the calendar gives them: with a TZID (defined by the calendar's
 * own VTIMEZONE, including Outlook's Windows names, or an Olson name such as Europe/Paris), in
 * UTC, with a vCalendar {@code TZ} offset, or floating (then in the default zone). An all-day
 * event lasts its whole day(s) in the default zone. The end is DTEND, else DTSTART plus
 * DURATION, else the default duration (one day for an all-day event).
 *
 * <p>Which event: for {@code METHOD:CANCEL} the first VEVENT with a UID; otherwise the first
 * VEVENT that is not {@code STATUS:CANCELLED} and has a DTSTART. Every calendar part of the mail
 * must be readable, so a broken attachment is reported rather than silently passed over; the
 * first part decides.
 *
 * <p>For a CANCEL only the identity matters: {@code start} and {@code end} are null. {@code source}
 * names the part (its file name, else its type) and {@code uid}, {@code method} and {@code summary}
 * are null when the calendar gives none.
 */
public record MeetingCalendar(String method, String uid, int sequence, String summary, Instant start, Instant end,
                              String source) {

    private static final Pattern VCALENDAR_1 = Pattern.compile("(?im)^VERSION\\s*:\\s*1\\.0\\s*$");
    private static final Pattern VTIMEZONE = Pattern.compile("(?im)^BEGIN\\s*:\\s*VTIMEZONE\\s*$");

    /*
     * ical4j gives every VTIMEZONE it reads an id from a JVM-wide pool, returned only when the
     * calendar is garbage collected; a mail defining thousands would starve every other mail.
     */
    private static final int MAX_TIME_ZONES = 20;

    private static final Set<String> TIME_PROPERTIES = Set.of("DTSTART", "DTEND", "DURATION", "TZ", "DAYLIGHT");

    private static final String UPDATES_ENABLED = "net.fortuna.ical4j.timezone.update.enabled";

    static {
        /*
         * ical4j reads ical4j.properties once, through the context class loader of the first
         * thread that uses it, then through its own. In the EAR its own is lib/, which cannot see
         * this module's resources, and the context loader depends on who calls first; so load the
         * settings here, through this module, and refuse to run without them: they keep ical4j
         * from fetching time-zone definitions over the network (TZURL).
         */
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MeetingCalendar.class.getClassLoader());
        try {
            if (!"false".equals(Configurator.getProperty(UPDATES_ENABLED).orElse(null))) {
                throw new IllegalStateException("ical4j.properties (with " + UPDATES_ENABLED
                        + "=false) is not visible to ical4j; calendars would fetch time zones over the network");
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A calendar that cannot give a meeting; the message says what is wrong, for the bounce. */
    public static class InvalidCalendarException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidCalendarException(String message) {
            super(message);
        }

        public InvalidCalendarException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether this calendar withdraws an event (iMIP {@code METHOD:CANCEL}) rather than proposing one. */
    public boolean cancels() {
        return "CANCEL".equals(method);
    }

    /** The meeting's time window, under the same rules as a time written in the mail's text. */
    public MeetingTime time(Instant now, Duration grace) throws MeetingTime.InvalidMeetingTimeException {
        return MeetingTime.validated(start, end, now, grace);
    }

    /**
     * The meeting the calendar parts of a mail describe, or empty if the mail has none.
     *
     * @param defaultZone the zone of floating times and all-day events
     * @param defaultDuration how long an event lasts that gives neither DTEND nor DURATION
     */
    public static Optional<MeetingCalendar> read(List<CalendarPart> parts, ZoneId defaultZone, Duration defaultDuration)
            throws InvalidCalendarException {
        MeetingCalendar first = null;
        for (CalendarPart part : parts) {
            MeetingCalendar found = read(part, defaultZone, defaultDuration);
            if (first == null) {
                first = found;
            }
        }
        return Optional.ofNullable(first);
    }

    static MeetingCalendar read(CalendarPart part, ZoneId defaultZone, Duration defaultDuration) throws InvalidCalendarException {
        String text = part.content() == null ? "" : part.content();
        if (text.isBlank()) {
            throw new InvalidCalendarException(describe(part) + " is empty.");
        }
        return VCALENDAR_1.matcher(text).find() ? vCalendar(part, text, defaultZone, defaultDuration)
                : iCalendar(part, text, defaultZone, defaultDuration);
    }

    // ---- iCalendar 2.0, with ical4j

    private static MeetingCalendar iCalendar(CalendarPart part, String text, ZoneId defaultZone, Duration defaultDuration)
            throws InvalidCalendarException {
        Matcher zones = VTIMEZONE.matcher(text);
        long zoneCount = zones.results().count();
        if (zoneCount > MAX_TIME_ZONES) {
            throw new InvalidCalendarException(describe(part) + " defines " + zoneCount + " time zones; at most "
                    + MAX_TIME_ZONES + " are read.");
        }
        CalendarBuilder builder = new CalendarBuilder();
        Calendar calendar;
        try {
            calendar = builder.build(new StringReader(text));
        } catch (ParserException e) {
            throw new InvalidCalendarException(describe(part) + " cannot be read: line " + e.getLineNo() + ": "
                    + detail(e), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidCalendarException(describe(part) + " cannot be read: " + e.getMessage(), e);
        }
        if (calendar == null) {
            throw new InvalidCalendarException(describe(part) + " holds no calendar (BEGIN:VCALENDAR).");
        }
        String method = calendar.getProperty(Property.METHOD).map(p -> p.getValue().strip().toUpperCase(Locale.ROOT))
                .orElse(null);
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        if ("CANCEL".equals(method)) {
            VEvent cancelled = events.stream().filter(e -> value(e, Property.UID) != null).findFirst()
                    .orElseThrow(() -> new InvalidCalendarException(describe(part)
                            + " cancels an event but names none (no VEVENT with a UID)."));
            return new MeetingCalendar(method, value(cancelled, Property.UID), sequence(cancelled, part),
                    value(cancelled, Property.SUMMARY), null, null, source(part));
        }
        VEvent event = events.stream()
                .filter(e -> !"CANCELLED".equalsIgnoreCase(value(e, Property.STATUS)))
                .filter(e -> e.getProperty(Property.DTSTART).isPresent())
                .findFirst()
                .orElseThrow(() -> new InvalidCalendarException(describe(part) + (events.isEmpty()
                        ? " holds no event (VEVENT)." : " holds no event with a start (DTSTART) that is not cancelled.")));

        TimeZoneRegistry zonesDefined = builder.getRegistry();
        DateProperty<?> dtStart = event.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow();
        ZonedDateTime start = zoned(dtStart, zonesDefined, defaultZone, part, text);
        Optional<DateProperty<?>> dtEnd = event.getProperty(Property.DTEND);
        Optional<net.fortuna.ical4j.model.property.Duration> duration = event.getProperty(Property.DURATION);
        ZonedDateTime end;
        if (dtEnd.isPresent()) {
            end = zoned(dtEnd.get(), zonesDefined, defaultZone, part, text);
        } else if (duration.isPresent()) {
            end = plus(start, duration.get().getDuration(), part);
        } else {
            end = allDay(dtStart) ? start.plusDays(1) : start.plus(defaultDuration);
        }
        return checked(new MeetingCalendar(method, value(event, Property.UID), sequence(event, part),
                value(event, Property.SUMMARY), start.toInstant(), end.toInstant(), source(part)));
    }

    /** Called after {@link #zoned}, which has made sure the value can be read. */
    private static boolean allDay(DateProperty<?> property) {
        return property.getDate() instanceof LocalDate;
    }

    private static ZonedDateTime zoned(DateProperty<?> property, TimeZoneRegistry zonesDefined, ZoneId defaultZone,
                                       CalendarPart part, String text) throws InvalidCalendarException {
        Optional<TzId> tzId = property.getParameter(Parameter.TZID);
        boolean date = property.getParameter(Parameter.VALUE).map(Value.DATE::equals).orElse(false);
        if (tzId.isPresent() && !date) {
            try {
                // a VTIMEZONE of the calendar first, then the zones ical4j knows by name (Olson, Windows)
                tzId.get().toZoneId(zonesDefined);
            } catch (DateTimeException e) {
                throw new InvalidCalendarException("The calendar names the time zone '" + tzId.get().getValue()
                        + "', which it does not define (no VTIMEZONE of that TZID) and which is not a known zone name "
                        + "such as Europe/Paris.", e);
            }
        }
        Temporal value;
        try {
            value = property.getDate();
        } catch (DateTimeException e) {
            // ical4j reads a value with a TZID only when asked, so the parser could not say where it was
            throw new InvalidCalendarException(describe(part) + " cannot be read: "
                    + lineOf(text, property.getName(), property.getValue()) + property.getName() + " '"
                    + property.getValue() + "': " + e.getMessage(), e);
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toZonedDateTime();
        }
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime floating) {
            return floating.atZone(defaultZone);
        }
        if (value instanceof LocalDate day) {
            return day.atStartOfDay(defaultZone);
        }
        throw new InvalidCalendarException(describe(part) + " gives " + property.getName() + " as '"
                + property.getValue() + "', which is not a date or a date and time.");
    }

    /** "line n: " for the first line that starts with the property and holds the value, else nothing. */
    private static String lineOf(String text, String name, String value) {
        String[] lines = text.split("\r?\n|\r");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].regionMatches(true, 0, name, 0, name.length()) && value != null && lines[i].contains(value)) {
                return "line " + (i + 1) + ": ";
            }
        }
        return "";
    }

    private static ZonedDateTime plus(ZonedDateTime start, TemporalAmount amount, CalendarPart part)
            throws InvalidCalendarException {
        try {
            return start.plus(amount);
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidCalendarException(describe(part) + " gives a DURATION that cannot be added to its start: "
                    + amount, e);
        }
    }

    private static String value(Component component, String property) {
        return component.getProperty(property).map(Property::getValue).map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(null);
    }

    private static int sequence(Component event, CalendarPart part) throws InvalidCalendarException {
        String text = value(event, Property.SEQUENCE);
        return sequence(text, part);
    }

    private static int sequence(String text, CalendarPart part) throws InvalidCalendarException {
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCalendarException(describe(part) + " gives SEQUENCE as '" + text + "', which is not a number.");
        }
    }

    /** The message of a parser failure, without ical4j's own "Error at line n:" prefix (the bounce says the line). */
    private static String detail(ParserException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Error at line \\d+:\\s*", "");
        Throwable cause = e.getCause();
        if ((message.isBlank() || message.equals("null")) && cause != null) {
            message = cause.getMessage();
        }
        return message == null || message.isBlank() ? "not valid iCalendar" : message;
    }

    // ---- vCalendar 1.0, with biweekly

    private static MeetingCalendar vCalendar(CalendarPart part, String text, ZoneId defaultZone, Duration defaultDuration)
            throws InvalidCalendarException {
        ICalendar calendar;
        List<ParseWarning> warnings;
        try (ICalReader reader = new ICalReader(text, ICalVersion.V1_0)) {
            reader.setDefaultTimezone(TimeZone.getTimeZone(defaultZone));
            calendar = reader.readNext();
            warnings = List.copyOf(reader.getWarnings());
        } catch (IOException | RuntimeException e) {
            throw new InvalidCalendarException(describe(part) + " cannot be read: " + e.getMessage(), e);
        }
        if (calendar == null) {
            throw new InvalidCalendarException(describe(part) + " holds no calendar (BEGIN:VCALENDAR).");
        }
        // biweekly reads on past what it cannot understand; a time it could not read is no time at all
        for (ParseWarning warning : warnings) {
            if (warning.getPropertyName() != null && TIME_PROPERTIES.contains(warning.getPropertyName().toUpperCase(Locale.ROOT))) {
                throw new InvalidCalendarException(describe(part) + " cannot be read: "
                        + (warning.getLineNumber() == null ? "" : "line " + warning.getLineNumber() + ": ")
                        + warning.getPropertyName() + ": " + warning.getMessage());
            }
        }
        String method = calendar.getMethod() == null || calendar.getMethod().getValue() == null ? null
                : calendar.getMethod().getValue().strip().toUpperCase(Locale.ROOT);
        List<biweekly.component.VEvent> events = calendar.getEvents();
        if ("CANCEL".equals(method)) {
            biweekly.component.VEvent cancelled = events.stream().filter(e -> e.getUid() != null && e.getUid().getValue() != null)
                    .findFirst().orElseThrow(() -> new InvalidCalendarException(describe(part)
                            + " cancels an event but names none (no VEVENT with a UID)."));
            return new MeetingCalendar(method, cancelled.getUid().getValue().strip(), sequence(cancelled),
                    summary(cancelled), null, null, source(part));
        }
        biweekly.component.VEvent event = events.stream()
                .filter(e -> e.getStatus() == null || !"CANCELLED".equalsIgnoreCase(e.getStatus().getValue()))
                .filter(e -> e.getDateStart() != null && e.getDateStart().getValue() != null)
                .findFirst()
                .orElseThrow(() -> new InvalidCalendarException(describe(part) + (events.isEmpty()
                        ? " holds no event (VEVENT)." : " holds no event with a start (DTSTART) that is not cancelled.")));
        ICalDate startValue = event.getDateStart().getValue();
        ZonedDateTime start = zoned(startValue, defaultZone);
        ZonedDateTime end;
        if (event.getDateEnd() != null && event.getDateEnd().getValue() != null) {
            end = zoned(event.getDateEnd().getValue(), defaultZone);
        } else if (event.getDuration() != null && event.getDuration().getValue() != null) {
            end = start.plus(Duration.ofMillis(event.getDuration().getValue().toMillis()));
        } else {
            end = startValue.hasTime() ? start.plus(defaultDuration) : start.plusDays(1);
        }
        return checked(new MeetingCalendar(method, event.getUid() == null ? null : event.getUid().getValue(),
                sequence(event), summary(event), start.toInstant(), end.toInstant(), source(part)));
    }

    /** biweekly has already applied the calendar's TZ, or the default zone to floating times; a day is whole. */
    private static ZonedDateTime zoned(ICalDate value, ZoneId defaultZone) {
        if (value.hasTime()) {
            return value.toInstant().atZone(ZoneOffset.UTC);
        }
        var raw = value.getRawComponents();
        return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate()).atStartOfDay(defaultZone);
    }

    private static int sequence(biweekly.component.VEvent event) {
        return event.getSequence() == null || event.getSequence().getValue() == null ? 0 : event.getSequence().getValue();
    }

    private static String summary(biweekly.component.VEvent event) {
        return event.getSummary() == null ? null : event.getSummary().getValue();
    }

    // ----

    private static MeetingCalendar checked(MeetingCalendar calendar) throws InvalidCalendarException {
        if (!calendar.end().isAfter(calendar.start())) {
            throw new InvalidCalendarException("The calendar event ends " + (calendar.end().equals(calendar.start())
                    ? "when" : "before") + " it starts: " + calendar.source() + " gives " + calendar.start()
                    + " as its start and " + calendar.end() + " as its end.");
        }
        return calendar;
    }

    private static String source(CalendarPart part) {
        return part.filename() != null && !part.filename().isBlank() ? part.filename() : part.contentType();
    }

    /** How a bounce names a calendar part: by its file name, else by its place in the mail. */
    static String describe(CalendarPart part) {
        return part.filename() != null && !part.filename().isBlank() ? "The attached calendar " + part.filename()
                : "The calendar in the mail (" + part.contentType() + ")";
    }
}

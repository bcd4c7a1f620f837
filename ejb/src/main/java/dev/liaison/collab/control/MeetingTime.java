package dev.liaison.collab.control;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window of a meeting, from the predetermined plain-text lines of a mail body:
 * <pre>
 * start: 2026-12-01 14:00 Europe/Paris     (seconds may follow the minutes: 14:00:30)
 * duration: 45m            (or 1h30m, 90 minutes, 2 hours)
 * end: 2026-12-01 15:00    (instead of duration; same zone as start unless it names one)
 * </pre>
 * Without a start the meeting starts now; without an end or duration it lasts the default.
 * A start further in the past than the grace period, or an end not after the start, is refused
 * with a reason the sender can act on.
 */
public record MeetingTime(Instant start, Instant end) {

    private static final Pattern START = Pattern.compile("(?im)^\\s*(?:start|starts|begin)\\s*:\\s*(.+?)\\s*$");
    private static final Pattern END = Pattern.compile("(?im)^\\s*(?:end|ends)\\s*:\\s*(.+?)\\s*$");
    private static final Pattern DURATION = Pattern.compile("(?im)^\\s*duration\\s*:\\s*(.+?)\\s*$");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}:\\d{2}(?::\\d{2})?)(?:\\s+(\\S+))?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*(h|hours?|m|min|mins|minutes?)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd H:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);

    /** A time the sender gave that cannot be used; the message is for the bounce. */
    public static class InvalidMeetingTimeException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidMeetingTimeException(String message) {
            super(message);
        }
    }

    public static MeetingTime fromText(String text, Instant now, Duration defaultDuration, ZoneId defaultZone,
                                       Duration grace) throws InvalidMeetingTimeException {
        String body = text == null ? "" : text;
        Optional<String> startLine = find(START, body);
        ZoneId zone = defaultZone;
        Instant start = now;
        if (startLine.isPresent()) {
            ZonedValue parsed = dateTime(startLine.get(), defaultZone, "start");
            zone = parsed.zone();
            start = parsed.instant();
        }
        Instant end;
        Optional<String> endLine = find(END, body);
        Optional<String> durationLine = find(DURATION, body);
        if (endLine.isPresent()) {
            end = dateTime(endLine.get(), zone, "end").instant();
        } else if (durationLine.isPresent()) {
            end = start.plus(duration(durationLine.get()));
        } else {
            end = start.plus(defaultDuration);
        }
        return validated(start, end, now, grace);
    }

    public static MeetingTime validated(Instant start, Instant end, Instant now, Duration grace) throws InvalidMeetingTimeException {
        if (!end.isAfter(start)) {
            throw new InvalidMeetingTimeException("The meeting ends (" + end + ") before or when it starts (" + start + ").");
        }
        if (start.isBefore(now.minus(grace))) {
            throw new InvalidMeetingTimeException("The meeting starts in the past (" + start + "), more than "
                    + grace.toMinutes() + " minutes ago.");
        }
        return new MeetingTime(start, end);
    }

    private record ZonedValue(Instant instant, ZoneId zone) {
    }

    private static ZonedValue dateTime(String value, ZoneId defaultZone, String what) throws InvalidMeetingTimeException {
        Matcher matcher = DATE_TIME.matcher(value);
        if (!matcher.find()) {
            throw new InvalidMeetingTimeException("The " + what + " time '" + value
                    + "' is not in the form 2026-12-01 14:00 Europe/Paris.");
        }
        ZoneId zone = defaultZone;
        if (matcher.group(3) != null) {
            try {
                zone = ZoneId.of(matcher.group(3));
            } catch (DateTimeException e) {
                throw new InvalidMeetingTimeException("The time zone '" + matcher.group(3) + "' of the " + what
                        + " time is unknown; use a name such as Europe/Paris or UTC.");
            }
        }
        try {
            LocalDateTime local = LocalDateTime.parse(matcher.group(1) + " " + matcher.group(2), LOCAL);
            return new ZonedValue(local.atZone(zone).toInstant(), zone);
        } catch (DateTimeParseException e) {
            throw new InvalidMeetingTimeException("The " + what + " time '" + value + "' is not a real date and time.");
        }
    }

    static Duration duration(String value) throws InvalidMeetingTimeException {
        Matcher matcher = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        boolean any = false;
        while (matcher.find()) {
            any = true;
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(matcher.group(2).toLowerCase().startsWith("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount));
        }
        if (!any || total.isZero()) {
            throw new InvalidMeetingTimeException("The duration '" + value + "' is not understood; write e.g. 45m or 1h30m.");
        }
        return total;
    }

    private static Optional<String> find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}

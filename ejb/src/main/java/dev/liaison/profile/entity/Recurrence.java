package dev.liaison.profile.entity;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import net.fortuna.ical4j.util.Configurator;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The periods of an availability rule: an iCalendar (RFC 5545) recurrence written as the property
 * lines users know from calendars, for example
 *
 * <pre>
 * DTSTART;TZID=Europe/Paris:20260105T090000
 * DTEND;TZID=Europe/Paris:20260105T180000
 * RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
 * EXDATE;TZID=Europe/Paris:20260501T090000
 * </pre>
 *
 * <p>Invariants, checked when the value is made: DTSTART is a date-time with a TZID (or in UTC,
 * written with {@code Z}); the end is given by exactly one of DTEND (after DTSTART) or DURATION
 * (positive); RRULE, if present, is a valid RFC 5545 rule no finer than hourly; EXDATEs are
 * date-times. Times are wall-clock times in the rule's zone: each occurrence starts at the
 * DTSTART time of day on its own date, so "09:00 Europe/Paris" is 09:00 in winter and in summer.
 * Each occurrence ends at DTEND's time of day (as many days after its start as DTEND is after
 * DTSTART), or after DURATION, whose weeks and days are calendar days and whose hours, minutes and
 * seconds are elapsed time (RFC 5545, 3.3.6). DTSTART is always the first occurrence, as in RFC 5545;
 * an EXDATE removes the occurrence that starts at exactly that local date-time.
 *
 * <p>This is a plain value, not persisted as such: {@link ModeRule} stores its parts.
 */
public final class Recurrence {

    private static final String UPDATES_ENABLED = "net.fortuna.ical4j.timezone.update.enabled";

    static {
        /*
         * ical4j reads ical4j.properties once, through the context class loader of the first thread
         * that touches it and then through its own. In the EAR its own is lib/, which cannot see this
         * module's resources, so make the first read go through this module and refuse to run if the
         * setting that keeps ical4j off the network is not seen.
         */
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Recurrence.class.getClassLoader());
        try {
            if (!"false".equals(Configurator.getProperty(UPDATES_ENABLED).orElse(null))) {
                throw new IllegalStateException("ical4j.properties (with " + UPDATES_ENABLED
                        + "=false) is not visible to ical4j; it could fetch time zones over the network");
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The longest rule text accepted; a rule is a handful of lines. */
    public static final int MAX_TEXT_LENGTH = 2000;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final Pattern LINE = Pattern.compile("([A-Za-z-]+)((?:;[A-Za-z-]+=[^;:]*)*):(.*)");
    private static final Pattern DURATION = Pattern.compile(
            "P(?:(\\d{1,4})W)?(?:(\\d{1,4})D)?(?:T(?:(\\d{1,5})H)?(?:(\\d{1,6})M)?(?:(\\d{1,7})S)?)?");
    private static final Set<Frequency> TOO_FINE = Set.of(Frequency.SECONDLY, Frequency.MINUTELY);

    private final ZoneId zone;
    private final LocalDateTime start;
    private final LocalDateTime end;
    private final String duration;
    private final String rrule;
    private final SortedSet<LocalDateTime> exceptions;

    private final Recur<ZonedDateTime> recur;
    private final int nominalDays;
    private final Duration exactTime;

    private Recurrence(ZoneId zone, LocalDateTime start, LocalDateTime end, String duration, String rrule,
                       Set<LocalDateTime> exceptions) {
        this.zone = zone;
        this.start = start;
        this.end = end;
        this.duration = duration;
        this.rrule = rrule;
        this.exceptions = new TreeSet<>(exceptions);
        if ((end == null) == (duration == null)) {
            throw invalid("the end of each period is given by exactly one of DTEND or DURATION");
        }
        if (end != null) {
            if (!end.isAfter(start)) {
                throw invalid("DTEND " + LOCAL.format(end) + " is not after DTSTART " + LOCAL.format(start));
            }
            nominalDays = (int) ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate());
            exactTime = null;
        } else {
            Matcher m = DURATION.matcher(duration);
            if (!m.matches() || duration.equals("P") || duration.endsWith("T")) {
                throw invalid("DURATION " + duration + " is not an RFC 5545 duration such as PT9H, PT30M or P1D");
            }
            nominalDays = 7 * number(m.group(1)) + number(m.group(2));
            exactTime = Duration.ofHours(number(m.group(3))).plusMinutes(number(m.group(4))).plusSeconds(number(m.group(5)));
            if (nominalDays == 0 && exactTime.isZero()) {
                throw invalid("DURATION " + duration + " is empty; a period must last");
            }
        }
        this.recur = rrule == null ? null : parseRule(rrule);
    }

    /**
     * Reads a rule written as iCalendar property lines (DTSTART, DTEND or DURATION, RRULE, EXDATE).
     *
     * @throws InvalidInputException naming the line and what is wrong with it
     */
    public static Recurrence parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("a rule needs at least a DTSTART and a DTEND or DURATION line");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid("a rule is at most " + MAX_TEXT_LENGTH + " characters");
        }
        ZonedDateTime dtstart = null;
        String dtendLine = null;
        String duration = null;
        String rrule = null;
        List<String> exdateLines = new ArrayList<>();
        for (String raw : text.strip().split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw invalid("\"" + line + "\" is not an iCalendar property line such as RRULE:FREQ=DAILY");
            }
            String name = m.group(1).toUpperCase(Locale.ROOT);
            switch (name) {
                case "DTSTART" -> {
                    if (dtstart != null) {
                        throw invalid("DTSTART is given twice");
                    }
                    dtstart = dateTime(line, m.group(2), m.group(3), null);
                }
                case "DTEND" -> {
                    if (dtendLine != null) {
                        throw invalid("DTEND is given twice");
                    }
                    dtendLine = line;
                }
                case "DURATION" -> {
                    if (duration != null) {
                        throw invalid("DURATION is given twice");
                    }
                    duration = m.group(3).strip().toUpperCase(Locale.ROOT);
                }
                case "RRULE" -> {
                    if (rrule != null) {
                        throw invalid("only one RRULE per rule; write another rule for another pattern");
                    }
                    rrule = m.group(3).strip().toUpperCase(Locale.ROOT);
                }
                case "EXDATE" -> exdateLines.add(line);
                default -> throw invalid(name + " is not part of an availability rule "
                        + "(use DTSTART, DTEND or DURATION, RRULE and EXDATE)");
            }
        }
        if (dtstart == null) {
            throw invalid("DTSTART is missing, e.g. DTSTART;TZID=Europe/Paris:20260105T090000");
        }
        ZoneId zone = dtstart.getZone();
        LocalDateTime dtend = null;
        if (dtendLine != null) {
            Matcher m = LINE.matcher(dtendLine);
            m.matches();
            dtend = dateTime(dtendLine, m.group(2), m.group(3), zone).withZoneSameInstant(zone).toLocalDateTime();
        }
        Set<LocalDateTime> exdates = new TreeSet<>();
        for (String line : exdateLines) {
            Matcher m = LINE.matcher(line);
            m.matches();
            for (String value : m.group(3).split(",")) {
                exdates.add(dateTime(line, m.group(2), value, zone).withZoneSameInstant(zone).toLocalDateTime());
            }
        }
        return new Recurrence(zone, dtstart.toLocalDateTime(), dtend, duration, rrule, exdates);
    }

    /**
     * Rebuilds a rule from its stored parts, with the same checks as {@link #parse(String)}.
     *
     * @param end      the local end of the first period, or null when {@code duration} is given
     * @param duration an RFC 5545 duration, or null when {@code end} is given
     * @param rrule    the RRULE value, or null for a single period
     */
    public static Recurrence of(String zone, LocalDateTime start, LocalDateTime end, String duration, String rrule,
                                Set<LocalDateTime> exceptions) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw invalid("TZID " + zone + " is not a known time zone (e.g. Europe/Paris)");
        }
        return new Recurrence(zoneId, Objects.requireNonNull(start), end, duration, rrule, exceptions);
    }

    private static ZonedDateTime dateTime(String line, String parameters, String value, ZoneId defaultZone) {
        String tzid = null;
        for (String parameter : parameters.split(";")) {
            if (parameter.isEmpty()) {
                continue;
            }
            String[] pair = parameter.split("=", 2);
            String name = pair[0].toUpperCase(Locale.ROOT);
            if (name.equals("TZID")) {
                tzid = pair[1].replace("\"", "").strip();
            } else if (name.equals("VALUE") && !pair[1].equalsIgnoreCase("DATE-TIME")) {
                throw invalid("\"" + line + "\": only date-times (VALUE=DATE-TIME) are supported");
            }
        }
        String text = value.strip();
        boolean utc = text.endsWith("Z") || text.endsWith("z");
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(utc ? text.substring(0, text.length() - 1) : text, LOCAL);
        } catch (DateTimeParseException e) {
            throw invalid("\"" + line + "\": " + text + " is not a date-time such as 20260105T090000");
        }
        if (utc) {
            if (tzid != null) {
                throw invalid("\"" + line + "\": a time in UTC (ending in Z) takes no TZID");
            }
            return local.atZone(ZoneOffset.UTC);
        }
        if (tzid == null) {
            if (defaultZone == null) {
                throw invalid("\"" + line + "\": say which time zone, e.g. DTSTART;TZID=Europe/Paris:" + text);
            }
            return local.atZone(defaultZone);
        }
        try {
            return local.atZone(ZoneId.of(tzid));
        } catch (DateTimeException e) {
            throw invalid("\"" + line + "\": TZID " + tzid + " is not a known time zone (e.g. Europe/Paris)");
        }
    }

    private Recur<ZonedDateTime> parseRule(String value) {
        Recur<ZonedDateTime> parsed;
        try {
            parsed = new Recur<>(value, false);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid("RRULE " + value + " is not valid: " + e.getMessage());
        }
        if (TOO_FINE.contains(parsed.getFrequency())) {
            throw invalid("RRULE " + value + ": availability periods repeat at most hourly");
        }
        try {
            // UNTIL and the BY parts are only checked against DTSTART when the rule is expanded
            ZonedDateTime seed = start.atZone(zone);
            parsed.getDates(seed, seed, seed.plusYears(1), 2);
        } catch (RuntimeException e) {
            throw invalid("RRULE " + value + " cannot be expanded from DTSTART: " + e.getMessage());
        }
        return parsed;
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("The availability rule is not valid: " + message,
                List.of(new Violation("rule", message)));
    }

    /** The periods that overlap {@code [from, to)}, by start. */
    public List<Period> periodsBetween(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        // a period that began up to its own length before "from" still overlaps it
        ZonedDateTime searchFrom = from.atZone(zone).minusDays(nominalDays + 1L)
                .minus(exactTime == null ? Duration.ZERO : exactTime);
        ZonedDateTime searchTo = to.atZone(zone);
        SortedSet<LocalDateTime> starts = new TreeSet<>();
        ZonedDateTime seed = start.atZone(zone);
        if (!seed.isBefore(searchFrom) && seed.isBefore(searchTo)) {
            starts.add(start);
        }
        if (recur != null) {
            // ical4j's Recur builds its rule objects again, into plain fields, on every expansion;
            // the presence cache shares one Recurrence between threads, so one expands it at a time
            List<ZonedDateTime> occurrences;
            synchronized (recur) {
                occurrences = recur.getDates(seed, searchFrom, searchTo);
            }
            for (ZonedDateTime occurrence : occurrences) {
                starts.add(occurrence.withZoneSameInstant(zone).toLocalDateTime());
            }
        }
        starts.removeAll(exceptions);
        List<Period> periods = new ArrayList<>();
        for (LocalDateTime localStart : starts) {
            Instant periodStart = localStart.atZone(zone).toInstant();
            Instant periodEnd = endOf(localStart);
            if (periodStart.isBefore(to) && periodEnd.isAfter(from) && periodEnd.isAfter(periodStart)) {
                periods.add(new Period(periodStart, periodEnd));
            }
        }
        periods.sort(Comparator.comparing(Period::start));
        return periods;
    }

    /** The period that contains {@code instant}; of two that overlap there, the one that began last. */
    public Optional<Period> periodAt(Instant instant) {
        List<Period> periods = periodsBetween(instant, instant.plusNanos(1));
        return periods.isEmpty() ? Optional.empty() : Optional.of(periods.get(periods.size() - 1));
    }

    private Instant endOf(LocalDateTime localStart) {
        if (exactTime == null) {
            LocalDate endDate = localStart.toLocalDate().plusDays(nominalDays);
            LocalTime endTime = end.toLocalTime();
            return endDate.atTime(endTime).atZone(zone).toInstant();
        }
        return localStart.plusDays(nominalDays).atZone(zone).toInstant().plus(exactTime);
    }

    /** The rule in the syntax {@link #parse(String)} reads. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("DTSTART").append(written(start)).append('\n');
        if (end != null) {
            text.append("DTEND").append(written(end)).append('\n');
        } else {
            text.append("DURATION:").append(duration).append('\n');
        }
        if (rrule != null) {
            text.append("RRULE:").append(rrule).append('\n');
        }
        for (LocalDateTime exception : exceptions) {
            text.append("EXDATE").append(written(exception)).append('\n');
        }
        return text.toString();
    }

    private String written(LocalDateTime local) {
        return zone.equals(ZoneOffset.UTC) ? ":" + LOCAL.format(local) + "Z" : ";TZID=" + zone.getId() + ":" + LOCAL.format(local);
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDateTime start() {
        return start;
    }

    /** The local end of the first period, or empty when the rule gives a DURATION. */
    public Optional<LocalDateTime> end() {
        return Optional.ofNullable(end);
    }

    public Optional<String> duration() {
        return Optional.ofNullable(duration);
    }

    public Optional<String> rrule() {
        return Optional.ofNullable(rrule);
    }

    public SortedSet<LocalDateTime> exceptions() {
        return new TreeSet<>(exceptions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recurrence that && toText().equals(that.toText());
    }

    @Override
    public int hashCode() {
        return toText().hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}

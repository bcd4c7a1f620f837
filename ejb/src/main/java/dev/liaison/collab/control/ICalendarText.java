package dev.liaison.collab.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the iMIP (RFC 6047) {@code text/calendar} body of an invitation or a cancellation:
 * one VEVENT whose UID is the session's, so calendar clients file the first and replace it with
 * every later one. Times are in UTC; lines end in CRLF and are folded at 75 octets (RFC 5545).
 */
public final class ICalendarText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** An attendee: address and display name. */
    public record Attendee(String email, String name) {
    }

    private ICalendarText() {
    }

    public static String event(String method, String uid, int sequence, Instant stamp, Instant start, Instant end,
                               String summary, String description, String url, Attendee organizer,
                               List<Attendee> attendees, boolean cancelled) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "PRODID:-//Liaison//Meetings//EN");
        line(out, "VERSION:2.0");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + method);
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + uid);
        line(out, "SEQUENCE:" + sequence);
        line(out, "DTSTAMP:" + UTC.format(stamp));
        line(out, "DTSTART:" + UTC.format(start));
        line(out, "DTEND:" + UTC.format(end));
        line(out, "SUMMARY:" + escape(summary));
        if (description != null) {
            line(out, "DESCRIPTION:" + escape(description));
        }
        if (url != null) {
            line(out, "URL:" + url);
        }
        line(out, "ORGANIZER" + cn(organizer.name()) + ":mailto:" + organizer.email());
        for (Attendee attendee : attendees) {
            line(out, "ATTENDEE" + cn(attendee.name()) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:"
                    + attendee.email());
        }
        line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String cn(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return ";CN=\"" + name.replace("\"", "'") + "\"";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends one content line, folded so that no physical line exceeds 75 octets. */
    static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append("\r\n");
            return;
        }
        int limit = 75;
        StringBuilder current = new StringBuilder();
        int currentBytes = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            String ch = new String(Character.toChars(codePoint));
            int size = ch.getBytes(StandardCharsets.UTF_8).length;
            if (currentBytes + size > limit) {
                out.append(current).append("\r\n ");
                current.setLength(0);
                currentBytes = 0;
                limit = 74;
            }
            current.append(ch);
            currentBytes += size;
            i += Character.charCount(codePoint);
        }
        out.append(current).append("\r\n");
    }
}

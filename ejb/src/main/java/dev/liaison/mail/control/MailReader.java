package dev.liaison.mail.control;

import dev.liaison.platform.InboundMail;
import dev.liaison.platform.InboundMail.CalendarPart;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a received mail into the project's {@link InboundMail}: the only place that parses
 * inbound MIME. Plain Java over Jakarta Mail, so it is tested without a container.
 *
 * <p>A calendar part is any part, inline or attached and at any depth (Outlook, Thunderbird and
 * Gmail put their iMIP invitation inside multipart/alternative and often attach it again), whose
 * type is an iCalendar or vCalendar type or whose file name ends in {@code .ics} or {@code .vcs}.
 * Its text is kept as sent, transfer encoding undone, in document order.
 *
 * <p>A mail that cannot be read is still returned, with its {@code defect} and whatever its
 * header block gives when read leniently (subject, date, Message-ID, From), so that the bounce
 * can name it.
 */
public final class MailReader {

    private static final Set<String> CALENDAR_TYPES = Set.of("text/calendar", "application/ics", "text/x-vcalendar",
            "text/vcalendar", "application/x-ics", "text/x-ical");

    private MailReader() {
    }

    /** A mail that cannot be read; {@code getMessage()} says why, for the bounce. */
    static class UnreadableMailException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static InboundMail read(byte[] raw, String envelopeFrom, List<String> envelopeTo) {
        RawHeaders headers = RawHeaders.of(raw);
        String dedupeKey = MailFingerprint.dedupeKey(raw, headers);
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            Address[] fromHeader = message.getFrom();
            if (fromHeader == null || fromHeader.length == 0 || !(fromHeader[0] instanceof InternetAddress sender)) {
                throw new UnreadableMailException("The message has no From address", null);
            }
            return new InboundMail(messageId(headers), dedupeKey, normalise(sender), sender.getPersonal(),
                    addresses(message, "Reply-To"), addresses(message, "To"), addresses(message, "Cc"),
                    decode(message.getSubject()), date(headers), texts(message), references(message), calendars(message),
                    envelopeFrom, envelopeTo, null);
        } catch (UnreadableMailException e) {
            return unreadable(headers, dedupeKey, envelopeFrom, envelopeTo, e.getMessage());
        } catch (MessagingException e) {
            return unreadable(headers, dedupeKey, envelopeFrom, envelopeTo, "The message is not valid MIME: " + e.getMessage());
        } catch (IOException e) {
            return unreadable(headers, dedupeKey, envelopeFrom, envelopeTo, "The message body cannot be read: " + e.getMessage());
        }
    }

    private static InboundMail unreadable(RawHeaders headers, String dedupeKey, String envelopeFrom, List<String> envelopeTo,
                                          String defect) {
        String from = "";
        String fromName = null;
        String value = headers.first("From");
        if (value != null) {
            try {
                InternetAddress[] parsed = InternetAddress.parseHeader(value, false);
                if (parsed.length > 0) {
                    from = normalise(parsed[0]);
                    fromName = parsed[0].getPersonal();
                }
            } catch (AddressException e) {
                // the bounce goes to the envelope sender then
            }
        }
        return new InboundMail(messageId(headers), dedupeKey, from, fromName, List.of(), List.of(), List.of(),
                decode(headers.first("Subject")), date(headers), List.of(), List.of(), List.of(), envelopeFrom, envelopeTo,
                defect);
    }

    private static String messageId(RawHeaders headers) {
        String id = headers.first("Message-ID");
        return id == null || id.isBlank() ? null : id.strip();
    }

    private static Instant date(RawHeaders headers) {
        String value = headers.first("Date");
        if (value == null || value.isBlank()) {
            return null;
        }
        Date parsed = new MailDateFormat().parse(value.strip(), new ParsePosition(0));
        return parsed == null ? null : parsed.toInstant();
    }

    private static List<String> addresses(MimeMessage message, String header) throws UnreadableMailException {
        try {
            String value = message.getHeader(header, ",");
            if (value == null) {
                return List.of();
            }
            Set<String> result = new LinkedHashSet<>();
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.isGroup()) {
                    for (InternetAddress member : address.getGroup(false)) {
                        member.validate();
                        result.add(normalise(member));
                    }
                } else {
                    address.validate();
                    result.add(normalise(address));
                }
            }
            return List.copyOf(result);
        } catch (AddressException e) {
            throw new UnreadableMailException("The " + header + " header holds an address that is not valid: "
                    + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new UnreadableMailException("The " + header + " header cannot be read", e);
        }
    }

    private static List<String> references(MimeMessage message) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (String header : new String[]{"In-Reply-To", "References"}) {
            String value = message.getHeader(header, " ");
            if (value != null) {
                for (String token : value.split("[\\s,]+")) {
                    if (token.startsWith("<") && token.endsWith(">") && !ids.contains(token)) {
                        ids.add(token);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    static String normalise(InternetAddress address) {
        return address.getAddress() == null ? "" : address.getAddress().strip().toLowerCase(Locale.ROOT);
    }

    private static String decode(String text) {
        if (text == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(text).strip();
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return text.strip();
        }
    }

    private static List<String> texts(Part message) throws MessagingException, IOException {
        List<String> found = new ArrayList<>();
        collectTexts(message, found);
        return found;
    }

    private static void collectTexts(Part part, List<String> found) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !isCalendar(part)) {
            Object content = part.getContent();
            if (content instanceof String s && !s.isEmpty()) {
                found.add(s);
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (!Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
                    collectTexts(body, found);
                }
            }
        }
    }

    private static List<CalendarPart> calendars(Part message) throws MessagingException, IOException {
        List<CalendarPart> found = new ArrayList<>();
        collectCalendars(message, found);
        return List.copyOf(found);
    }

    private static void collectCalendars(Part part, List<CalendarPart> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectCalendars(multipart.getBodyPart(i), found);
            }
        } else if (isCalendar(part)) {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            found.add(new CalendarPart(filename(part), baseType(part), parameter(part, "method"),
                    new String(bytes, charset(part))));
        }
    }

    private static boolean isCalendar(Part part) throws MessagingException {
        if (CALENDAR_TYPES.contains(baseType(part))) {
            return true;
        }
        String name = filename(part);
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".ics") || lower.endsWith(".vcs");
    }

    private static String baseType(Part part) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return "text/plain";
        }
        try {
            return new ContentType(type).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            return type.replaceAll(";.*", "").strip().toLowerCase(Locale.ROOT);
        }
    }

    private static String parameter(Part part, String name) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return null;
        }
        try {
            String value = new ContentType(type).getParameter(name);
            return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            return null;
        }
    }

    private static String filename(Part part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : decode(name);
        } catch (MessagingException e) {
            // a parameter that does not parse is no name at all, not a reason to refuse the mail
            return null;
        }
    }

    /** The charset the part declares; UTF-8 when it declares none or one this JVM lacks (RFC 5545's default). */
    private static Charset charset(Part part) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            String name = new ContentType(type).getParameter("charset");
            return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name.strip()));
        } catch (jakarta.mail.internet.ParseException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}

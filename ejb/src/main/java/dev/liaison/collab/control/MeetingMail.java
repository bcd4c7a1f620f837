package dev.liaison.collab.control;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * What a received mail says, read once at the edge of the meeting feature: its identity, its
 * sender, its addressees (To and Cc, lower case, display names and encoded words decoded), its
 * subject, its first plain-text body and its calendar parts. Plain Java over Jakarta Mail, so it
 * is tested without a container.
 *
 * <p>A calendar part is any part, inline or attached and at any depth (Outlook, Thunderbird and
 * Gmail put their iMIP invitation inside multipart/alternative and often attach it again), whose
 * type is an iCalendar or vCalendar type or whose file name ends in {@code .ics} or {@code .vcs}.
 * Its text is kept as sent, transfer encoding undone, in document order.
 */
public record MeetingMail(String messageId, String from, String fromName, List<String> to, List<String> cc,
                          String subject, String text, List<String> references, List<CalendarPart> calendars) {

    private static final Set<String> CALENDAR_TYPES = Set.of("text/calendar", "application/ics", "text/x-vcalendar",
            "text/vcalendar", "application/x-ics", "text/x-ical");

    /**
     * One calendar found in a mail: its file name (null when the part has none), its MIME type
     * in lower case without parameters, and its text.
     */
    public record CalendarPart(String filename, String contentType, String content) {

        /** How a bounce names this part: by its file name, else by its place in the mail. */
        public String describe() {
            return filename != null && !filename.isBlank() ? "The attached calendar " + filename
                    : "The calendar in the mail (" + contentType + ")";
        }
    }

    /** A mail without calendar parts. */
    public MeetingMail(String messageId, String from, String fromName, List<String> to, List<String> cc,
                       String subject, String text, List<String> references) {
        this(messageId, from, fromName, to, cc, subject, text, references, List.of());
    }

    /** A mail that cannot be read; {@code getMessage()} says why, for the bounce. */
    public static class UnreadableMailException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static MeetingMail parse(byte[] raw) throws UnreadableMailException {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String messageId = message.getMessageID();
            if (messageId == null || messageId.isBlank()) {
                // no Message-ID: the content itself identifies a resent copy
                messageId = fingerprint(raw);
            }
            Address[] fromHeader = message.getFrom();
            if (fromHeader == null || fromHeader.length == 0 || !(fromHeader[0] instanceof InternetAddress sender)) {
                throw new UnreadableMailException("The message has no From address", null);
            }
            return new MeetingMail(messageId.strip(), normalise(sender), sender.getPersonal(),
                    addresses(message, "To"), addresses(message, "Cc"),
                    decode(message.getSubject()), firstText(message), references(message), calendars(message));
        } catch (MessagingException e) {
            throw new UnreadableMailException("The message is not valid MIME: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableMailException("The message body cannot be read: " + e.getMessage(), e);
        }
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
        } catch (java.io.UnsupportedEncodingException e) {
            return text.strip();
        }
    }

    private static String firstText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !isCalendar(part)) {
            Object content = part.getContent();
            return content instanceof String s ? s : "";
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (!Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
                    String text = firstText(body);
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
        }
        return "";
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
            found.add(new CalendarPart(filename(part), baseType(part), new String(bytes, charset(part))));
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

    /** An identifier for a mail that has no usable Message-ID: the hash of its bytes. */
    public static String fingerprint(byte[] raw) {
        return "<sha256." + sha256(raw) + "@liaison.invalid>";
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The display form of the sender, for greetings. */
    public String senderDisplay() {
        return fromName == null || fromName.isBlank() ? from : fromName + " <" + from + ">";
    }
}

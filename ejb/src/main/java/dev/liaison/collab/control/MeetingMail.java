package dev.liaison.collab.control;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * subject and its first plain-text body. Plain Java over Jakarta Mail, so it is tested without
 * a container.
 */
public record MeetingMail(String messageId, String from, String fromName, List<String> to, List<String> cc,
                          String subject, String text, List<String> references) {

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
                    decode(message.getSubject()), firstText(message), references(message));
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
        if (part.isMimeType("text/plain")) {
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

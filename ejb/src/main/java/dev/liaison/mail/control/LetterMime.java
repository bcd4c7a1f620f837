package dev.liaison.mail.control;

import dev.liaison.platform.Letter;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Map;

/**
 * Writes a {@link Letter} as MIME: text alone, or text and its iMIP calendar side by side in a
 * multipart/alternative (RFC 6047), the calendar's METHOD in its content type. The letter's
 * Message-ID is kept as it is, so a letter built again is the same mail.
 */
final class LetterMime {

    private LetterMime() {
    }

    static MimeMessage of(Letter letter, Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", letter.messageId());
            }
        };
        if (letter.from() != null) {
            message.setFrom(address(letter.from()));
        }
        if (letter.replyTo() != null) {
            message.setReplyTo(new InternetAddress[]{address(letter.replyTo())});
        }
        InternetAddress[] to = new InternetAddress[letter.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(letter.to().get(i));
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(letter.subject(), "UTF-8");
        if (letter.date() != null) {
            message.setSentDate(Date.from(letter.date()));
        }
        for (Map.Entry<String, String> header : letter.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        if (letter.calendar() == null) {
            message.setText(letter.text(), "UTF-8");
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(letter.text(), "UTF-8");
            alternative.addBodyPart(plain);
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(letter.calendar().text(), "text/calendar; charset=UTF-8; method=" + letter.calendar().method());
            calendar.setHeader("Content-Transfer-Encoding", "8bit");
            alternative.addBodyPart(calendar);
            message.setContent(alternative);
        }
        message.saveChanges();
        return message;
    }

    private static InternetAddress address(Letter.Party party) throws MessagingException {
        try {
            return party.name() == null ? new InternetAddress(party.address())
                    : new InternetAddress(party.address(), party.name(), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is missing", e);
        }
    }
}

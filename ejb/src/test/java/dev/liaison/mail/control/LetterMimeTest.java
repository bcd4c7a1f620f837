package dev.liaison.mail.control;

import dev.liaison.platform.Letter;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LetterMimeTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static MimeMessage written(Letter letter) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LetterMime.of(letter, SESSION).writeTo(bytes);
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void anInvitationIsTextAndItsImipCalendarSideBySideUnderTheLettersOwnMessageId() throws Exception {
        Letter letter = new Letter("<invite.ann.0.s1@liaison.test>", new Letter.Party("chat@liaison.test", "Liaison chat"),
                new Letter.Party("chat@liaison.test", "Liaison chat"), List.of("ann@example.com"), "Invitation: Réunion",
                Instant.parse("2026-11-23T09:00:00Z"), Map.of("X-Liaison-Session", "s1"), "Hello Ann",
                new Letter.Calendar("REQUEST", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"), "invitation");

        MimeMessage message = written(letter);

        assertThat(message.getMessageID()).isEqualTo("<invite.ann.0.s1@liaison.test>");
        assertThat(message.getSubject()).isEqualTo("Invitation: Réunion");
        assertThat(message.getHeader("X-Liaison-Session", null)).isEqualTo("s1");
        assertThat(message.getReplyTo()[0].toString()).contains("chat@liaison.test");
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Hello Ann");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/calendar").contains("method=REQUEST");
    }

    @Test
    void aLetterWithoutCalendarIsPlainText() throws Exception {
        Letter letter = new Letter("<bounce.1.2@liaison.test>", new Letter.Party("postmaster@liaison.test", "Liaison"), null,
                List.of("ann@example.com"), "Not delivered: Budget", Instant.now(), Map.of("In-Reply-To", "<orig@x>"),
                "Your message did not create a meeting.", null, "bounce");

        MimeMessage message = written(letter);

        assertThat(message.isMimeType("text/plain")).isTrue();
        assertThat(message.getHeader("In-Reply-To", null)).isEqualTo("<orig@x>");
        assertThat(message.getContent()).isEqualTo("Your message did not create a meeting.");
    }
}

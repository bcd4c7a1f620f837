package dev.liaison.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A mail a feature decided to send, in the project's own terms: the mail edge turns it into
 * MIME. The Message-ID is chosen by the feature from what the letter is about, so a letter
 * rebuilt after a crash is recognisably the same mail.
 *
 * @param messageId the Message-ID, with its angle brackets
 * @param headers   further headers, by name (References, In-Reply-To, Auto-Submitted, ...)
 * @param calendar  the iMIP part sent beside the text, or null for text alone
 * @param purpose   what the letter is for ("invitation", "bounce", ...), for operators
 */
public record Letter(String messageId, Party from, Party replyTo, List<String> to, String subject, Instant date,
                     Map<String, String> headers, String text, Calendar calendar, String purpose) {

    public Letter {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("a letter needs a recipient");
        }
        to = List.copyOf(to);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An address with the name shown beside it (null for none). */
    public record Party(String address, String name) {
    }

    /** An iCalendar object and the iMIP METHOD it is sent with (REQUEST, CANCEL, ...). */
    public record Calendar(String method, String text) {
    }
}

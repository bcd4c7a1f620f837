package dev.liaison.platform;

import java.time.Instant;
import java.util.List;

/**
 * A received mail as the features read it, decoded once by the mail edge: nothing in it needs
 * a MIME library. Addresses are plain, lower case, with display names and encoded words undone.
 *
 * <p>{@code dedupeKey} is the same for every copy of one mail: its Message-ID, or for a mail
 * without one a digest of its origin headers and body (never of the headers relays add on the
 * way). {@code defect} is null for a mail that was read; otherwise it says why the mail cannot be
 * read, and the other fields hold what could still be read leniently from its header block.
 *
 * @param messageId      the Message-ID as sent, with its angle brackets; null when it has none
 * @param from           the author's address; empty when it has none
 * @param fromName       the author's display name, or null
 * @param texts          the plain-text parts that are not attachments, in document order
 * @param references     the Message-IDs of In-Reply-To and References
 * @param envelopeFrom   the sender the SMTP envelope named (MAIL FROM), where bounces go
 * @param envelopeTo     the recipients of the envelope that this server accepted
 */
public record InboundMail(String messageId, String dedupeKey, String from, String fromName, List<String> replyTo,
                          List<String> to, List<String> cc, String subject, Instant date, List<String> texts,
                          List<String> references, List<CalendarPart> calendars, String envelopeFrom,
                          List<String> envelopeTo, String defect) {

    public InboundMail {
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        subject = subject == null ? "" : subject;
        texts = List.copyOf(texts);
        references = List.copyOf(references);
        calendars = List.copyOf(calendars);
        envelopeFrom = envelopeFrom == null ? "" : envelopeFrom;
        envelopeTo = List.copyOf(envelopeTo);
    }

    /**
     * One calendar carried by a mail, inline or attached: its file name (null when it has none),
     * its MIME type in lower case without parameters, the iMIP METHOD its type names (null when it
     * names none) and its text, transfer encoding undone.
     */
    public record CalendarPart(String filename, String contentType, String method, String content) {

        /** A calendar whose type names no METHOD. */
        public CalendarPart(String filename, String contentType, String content) {
            this(filename, contentType, null, content);
        }
    }

    /** The first plain-text part, or empty text. */
    public String text() {
        return texts.isEmpty() ? "" : texts.get(0);
    }

    /** Whether the mail could be read; when not, {@link #defect()} says why. */
    public boolean readable() {
        return defect == null;
    }
}

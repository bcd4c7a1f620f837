package dev.liaison.mail.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The key that makes every copy of one received mail the same mail: its Message-ID, or for a
 * mail without one a digest of what its author wrote, the origin and content headers and the
 * body. Relays add trace headers on the way (Received, Return-Path, Delivered-To, ...), this
 * server's own listener among them, so those are never part of it; nor are line endings, which
 * a mailbox may store differently from the wire.
 */
final class MailFingerprint {

    /** What the author's client wrote (RFC 5322 §3.6 origination, destination, identification, and MIME). */
    private static final Set<String> ORIGIN = Set.of("from", "sender", "reply-to", "to", "cc", "subject", "date",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding");

    private MailFingerprint() {
    }

    static String dedupeKey(byte[] raw, RawHeaders headers) {
        String id = headers.first("Message-ID");
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        return "<sha256." + digest(raw, headers) + "@liaison.invalid>";
    }

    private static String digest(byte[] raw, RawHeaders headers) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RawHeaders.Field field : headers.fields()) {
                String name = field.name().toLowerCase(Locale.ROOT);
                if (ORIGIN.contains(name)) {
                    sha.update((name + ":" + field.value().replaceAll("\\s+", " ") + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            sha.update((byte) 0);
            int start = Math.min(raw.length, headers.bodyStart());
            String body = new String(raw, start, raw.length - start, StandardCharsets.ISO_8859_1)
                    .replace("\r\n", "\n").stripTrailing();
            sha.update(body.getBytes(StandardCharsets.ISO_8859_1));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

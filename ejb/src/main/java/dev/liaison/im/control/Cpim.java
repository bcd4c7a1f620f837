package dev.liaison.im.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The message headers of a {@code message/cpim} body (RFC 3862 §3): the block after the MIME
 * headers' blank line, up to the next blank line, with the namespaces it declares ({@code NS:
 * imdn <urn:ietf:params:imdn>}), so a header is found by its namespace, whatever prefix the sender
 * chose. Read only; the body is never rewritten.
 */
public final class Cpim {

    /** The namespace of IMDN's CPIM headers (RFC 5438 §4). */
    public static final String IMDN_NAMESPACE = "urn:ietf:params:imdn";

    private final Map<String, List<String>> headers;
    private final Map<String, String> prefixes;

    private Cpim(Map<String, List<String>> headers, Map<String, String> prefixes) {
        this.headers = headers;
        this.prefixes = prefixes;
    }

    /** The CPIM message headers of {@code body}, or empty when it is not a CPIM message. */
    public static Optional<Cpim> read(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("message/cpim")) {
            return Optional.empty();
        }
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
        int i = messageHeaders(lines);
        Map<String, List<String>> headers = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String name = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            if (name.equalsIgnoreCase("NS")) {
                int open = value.indexOf('<');
                int close = value.indexOf('>', open + 1);
                if (open >= 0 && close > open) {
                    prefixes.put(value.substring(open + 1, close).strip(), value.substring(0, open).strip());
                }
            }
        }
        return headers.isEmpty() ? Optional.empty() : Optional.of(new Cpim(headers, prefixes));
    }

    /** Where the message headers of a CPIM body split in lines start. */
    private static int messageHeaders(String[] lines) {
        int i = 0;
        // RFC 3862 bodies open with the message headers; some senders put MIME headers first
        if (lines.length > 0 && !lines[0].isEmpty() && isMimeHeader(lines[0])) {
            while (i < lines.length && !lines[i].isEmpty()) {
                i++;
            }
            i++;
        }
        return i;
    }

    /**
     * The content a CPIM body carries, as text (UTF-8): what follows the message headers and the
     * encapsulated MIME headers (RFC 3862 §2); empty when the body is not CPIM or carries no text.
     */
    public static Optional<String> text(String contentType, byte[] body) {
        if (read(contentType, body).isEmpty()) {
            return Optional.empty();
        }
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
        int i = messageHeaders(lines);
        while (i < lines.length && !lines[i].isEmpty()) {
            i++;
        }
        i++;
        String type = null;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            if (lines[i].toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                type = lines[i].substring(lines[i].indexOf(':') + 1).strip().toLowerCase(Locale.ROOT);
            }
        }
        if (i >= lines.length || type == null || !type.startsWith("text/")) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length)).strip());
    }

    private static boolean isMimeHeader(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.startsWith("content-type:") || lower.startsWith("content-length:");
    }

    /** The first value of a header without a namespace ({@code From}, {@code DateTime}). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of header {@code name} of {@code namespace}, under the prefix the message declared. */
    public Optional<String> header(String namespace, String name) {
        String prefix = prefixes.get(namespace);
        if (prefix == null) {
            return Optional.empty();
        }
        return header(prefix.isEmpty() ? name : prefix + "." + name);
    }

    /** The IMDN Message-ID, if the sender gave one. */
    public Optional<String> imdnMessageId() {
        return header(IMDN_NAMESPACE, "Message-ID");
    }

    /** Whether the sender asked to be told of the delivery ({@code positive-delivery}). */
    public boolean wantsDeliveryNotice() {
        return header(IMDN_NAMESPACE, "Disposition-Notification")
                .map(v -> List.of(v.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("positive-delivery"))
                .orElse(false);
    }
}

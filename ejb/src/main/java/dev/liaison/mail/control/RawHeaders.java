package dev.liaison.mail.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header block of a raw mail read without a MIME parser: up to the first empty line, folded
 * lines unfolded, each field as its name and value. It reads what a broken mail still says
 * (a subject, a Message-ID) and what a copy's fingerprint is made of, and it never fails.
 *
 * @param fields the fields in order
 * @param bodyStart the offset of the body in the raw mail (its length when there is none)
 */
record RawHeaders(List<Field> fields, int bodyStart) {

    /** One header field: its name as sent and its unfolded value. */
    record Field(String name, String value) {
    }

    static RawHeaders of(byte[] raw) {
        int end = headerEnd(raw);
        String block = text(raw, end);
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : block.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(' ').append(line.strip());
                }
                continue;
            }
            add(fields, current);
            current = line.indexOf(':') > 0 ? new StringBuilder(line) : null;
        }
        add(fields, current);
        return new RawHeaders(List.copyOf(fields), Math.min(raw.length, bodyOffset(raw, end)));
    }

    private static void add(List<Field> fields, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        fields.add(new Field(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
    }

    /** The value of the first field of that name (case-insensitive), or null. */
    String first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    /** Where the header block ends: the offset of the line break that starts the empty line. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                int next = i + 1;
                if (next < raw.length && raw[next] == '\n') {
                    return i;
                }
                if (next + 1 < raw.length && raw[next] == '\r' && raw[next + 1] == '\n') {
                    return i;
                }
            }
        }
        return raw.length;
    }

    private static int bodyOffset(byte[] raw, int headerEnd) {
        int i = headerEnd + 1;
        if (i < raw.length && raw[i] == '\r') {
            i++;
        }
        return i + 1;
    }

    /** UTF-8 when the block is UTF-8 (RFC 6532), else Latin-1, which reads any byte. */
    private static String text(byte[] raw, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}

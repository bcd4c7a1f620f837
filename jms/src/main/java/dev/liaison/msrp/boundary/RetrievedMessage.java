package dev.liaison.msrp.boundary;

import dev.liaison.im.boundary.StoredMessageView;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A kept message as it is handed back over MSRP: in CPIM (RFC 3862), so the client learns who sent
 * it and when ({@code From}, {@code DateTime}), with the original content type and body inside,
 * byte for byte. A message that already is CPIM goes as it came: its own headers say both.
 */
final class RetrievedMessage {

    static final String CONTENT_TYPE = "message/cpim";

    private RetrievedMessage() {
    }

    static byte[] cpim(StoredMessageView message, String recipient) {
        if (message.contentType().toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
            return message.body();
        }
        String from = message.sender().contains("<") ? message.sender() : "<" + message.sender() + ">";
        String head = "From: " + from + "\r\n"
                + "To: <" + recipient + ">\r\n"
                + "DateTime: " + message.receivedAt() + "\r\n"
                + "\r\n"
                + "Content-Type: " + message.contentType() + "\r\n"
                + "Content-Length: " + message.body().length + "\r\n"
                + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(message.body());
        return out.toByteArray();
    }
}

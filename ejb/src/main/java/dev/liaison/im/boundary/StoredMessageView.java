package dev.liaison.im.boundary;

import dev.liaison.im.control.Cpim;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** A kept message as its recipient receives it: the body exactly as it came. */
public record StoredMessageView(long id, String recipient, String sender, String contentType, byte[] body,
                                String origin, Instant receivedAt, Instant expiresAt) {

    /**
     * What a person reads of it: a text body as text, the text a CPIM body carries; null for
     * anything else (an image, a delivery report) or a body that is not valid UTF-8.
     */
    public String readableText() {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("message/cpim")) {
            return Cpim.text(contentType, body).orElse(null);
        }
        if (!type.startsWith("text/")) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

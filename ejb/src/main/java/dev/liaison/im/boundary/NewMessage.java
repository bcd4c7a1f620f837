package dev.liaison.im.boundary;

/**
 * An instant message a web user sends ({@code POST /api/messages}).
 *
 * @param to          a username of this domain ({@code bob}), a user's SIP address ({@code sip:bob@liaison.test})
 *                    or a group's ({@code sip:team@groups.liaison.test})
 * @param contentType the body's media type; {@code text/plain;charset=UTF-8} when absent
 * @param text        the body as text, sent as UTF-8; or
 * @param body        the body in base64, sent byte for byte (exactly one of {@code text} and {@code body})
 */
public record NewMessage(String to, String contentType, String text, String body) {
}

package dev.liaison.im.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A delivery notification (RFC 5438 §7.2.1.1), wrapped in CPIM as RFC 5438 §6 sends it: from
 * the recipient to the sender, naming the message by its IMDN Message-ID.
 */
public final class Imdn {

    public static final String CONTENT_TYPE = "message/cpim";

    private Imdn() {
    }

    /** The body of a {@code delivered} notification for message {@code messageId} of {@code sender} to {@code recipient}. */
    public static byte[] delivered(String recipient, String sender, String messageId, String ownId, Instant at) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\r\n"
                + "<message-id>" + escape(messageId) + "</message-id>\r\n"
                + "<datetime>" + at + "</datetime>\r\n"
                + "<recipient-uri>" + escape(recipient) + "</recipient-uri>\r\n"
                + "<original-recipient-uri>" + escape(recipient) + "</original-recipient-uri>\r\n"
                + "<delivery-notification><status><delivered/></status></delivery-notification>\r\n"
                + "</imdn>\r\n";
        byte[] content = xml.getBytes(StandardCharsets.UTF_8);
        String cpim = "From: <" + recipient + ">\r\n"
                + "To: <" + sender + ">\r\n"
                + "NS: imdn <" + Cpim.IMDN_NAMESPACE + ">\r\n"
                + "imdn.Message-ID: " + ownId + "\r\n"
                + "DateTime: " + at + "\r\n"
                + "\r\n"
                + "Content-Type: message/imdn+xml\r\n"
                + "Content-Disposition: notification\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "\r\n";
        byte[] head = cpim.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

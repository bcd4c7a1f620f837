package dev.liaison.sip.boundary;

import dev.liaison.sip.control.RequestRules;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import javax.sip.address.URI;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lets every request reach the edge's {@link RequestRules}, the ones JAIN-SIP would refuse on its
 * own included. Left to itself, the stack (jain-sip-ri 1.3.0-91) drops a request without From, To,
 * Call-ID, CSeq or Via, or with one of them unreadable, without an answer (it answers a datagram 400
 * only when it can copy all five, and never over TCP); reads any SIP version as 2.0 (its parser
 * notes the mismatch but does not throw, so its own 505 never happens); answers a CSeq method other
 * than the request's with a bare 400 itself; takes a request without
 * Content-Length over TCP as one without body; and refuses a datagram whose Content-Length is
 * larger than its body with a ParseException. This wraps the stack's parser: it records what a
 * request held as it arrived ({@link Arrival}, kept as the request's application data), and lets
 * the stack carry it to the listener by setting the version to 2.0, the CSeq method to the
 * request's, and putting placeholders ({@code invalid}, RFC 2606) where a header it cannot do
 * without is missing; {@link Responses} takes them out of the answer again.
 *
 * <p>Only what a message channel parses passes the gate: the stack's own re-parsing of stored
 * messages (no listener) goes straight to its parser. Responses are left as the stack handles them.
 */
final class RequestGate implements MessageParserFactory {

    /** The headers the stack cannot carry a request without, in the order they get placeholders. */
    private static final List<String> CARRIED = List.of("Via", "From", "To", "Call-ID", "CSeq");

    /**
     * A request as it arrived.
     *
     * @param parts        what the rules read
     * @param placeholders the headers the gate added (to be left out of the answer where the stack allows)
     * @param cseqMethod   the CSeq method as written, when the gate changed it
     */
    record Arrival(RequestRules.Parts parts, Set<String> placeholders, String cseqMethod) {
    }

    private final MessageParserFactory original;

    RequestGate(MessageParserFactory original) {
        this.original = original;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = original.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> listener == null
                ? parser.parseSIPMessage(bytes, readBody, strict, null)
                : parse(parser, bytes, readBody, strict, listener);
    }

    /** What a request held as it arrived: the gate's record, or (for one that did not pass it) read from the request. */
    static Arrival arrivalOf(Request request, boolean stream) {
        if (request instanceof SIPMessage message && message.getApplicationData() instanceof Arrival arrival) {
            return arrival;
        }
        byte[] body = request.getRawContent();
        int length = body == null ? 0 : body.length;
        String version = request instanceof SIPRequest sip && sip.getRequestLine() != null
                ? sip.getRequestLine().getSipVersion() : "SIP/2.0";
        return new Arrival(parts(request, version, stream, length, stream ? -1 : length, unreadableNames(request)), Set.of(), null);
    }

    static SIPMessage parse(MessageParser parser, byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        boolean stream = listener instanceof ConnectionOrientedMessageChannel;
        Framing framing = Framing.of(bytes);
        int bodyLength = stream || framing.headerEnd() < 0 ? -1 : bytes.length - framing.headerEnd();
        boolean bodyShort = !stream && readBody && framing.declaredLength() > Math.max(bodyLength, 0);
        List<String> unreadable = new ArrayList<>();
        ParseExceptionListener noting = (ex, message, headerClass, header, text) -> {
            if (message instanceof SIPRequest && header != null && headerClass != RequestLine.class
                    && headerClass != StatusLine.class) {
                message.addUnparsed(header);
                unreadable.add(nameOf(header));
            } else {
                listener.handleException(ex, message, headerClass, header, text);
            }
        };
        SIPMessage message = bodyShort
                ? parser.parseSIPMessage(Arrays.copyOf(bytes, framing.headerEnd()), false, strict, noting)
                : parser.parseSIPMessage(bytes, readBody, strict, noting);
        if (!(message instanceof SIPRequest request) || request.getRequestLine() == null) {
            return message;
        }
        RequestRules.Parts parts = parts(request, framing.version(), stream, framing.declaredLength(), bodyLength, unreadable);
        Set<String> placeholders = new LinkedHashSet<>();
        String cseqMethod = null;
        String transport = listener instanceof MessageChannel channel ? channel.getTransport() : "UDP";
        for (String name : CARRIED) {
            if (parts.missing().contains(name)) {
                request.attachHeader(placeholder(name, request.getMethod(), transport), false);
                placeholders.add(name);
            }
        }
        if (!placeholders.contains("CSeq") && !request.getMethod().equals(parts.cseqMethod())) {
            cseqMethod = parts.cseqMethod();
            ((CSeq) request.getCSeq()).setMethod(request.getMethod());
        }
        request.setApplicationData(new Arrival(parts, Set.copyOf(placeholders), cseqMethod));
        return request;
    }

    private static RequestRules.Parts parts(Request request, String version, boolean stream, int declaredLength, int bodyLength,
                                            List<String> unreadable) {
        Set<String> missing = new LinkedHashSet<>();
        for (String name : RequestRules.MANDATORY) {
            if (request.getHeader(name) == null) {
                missing.add(name);
            }
        }
        String cseqMethod = request.getHeader("CSeq") == null ? null : ((javax.sip.header.CSeqHeader) request.getHeader("CSeq")).getMethod();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        URI toUri = to == null || to.getAddress() == null ? null : to.getAddress().getURI();
        List<String> required = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
            required.add(((RequireHeader) it.next()).getOptionTag());
        }
        javax.sip.header.MaxForwardsHeader maxForwards = (javax.sip.header.MaxForwardsHeader) request.getHeader("Max-Forwards");
        return new RequestRules.Parts(version, request.getMethod(), cseqMethod, Set.copyOf(missing), List.copyOf(unreadable),
                request.getRequestURI() == null ? null : request.getRequestURI().getScheme(),
                toUri == null ? null : toUri.getScheme(), List.copyOf(required),
                maxForwards == null ? -1 : maxForwards.getMaxForwards(), stream, declaredLength, bodyLength);
    }

    /** The names of the headers the stack kept aside as unreadable. */
    private static List<String> unreadableNames(Request request) {
        List<String> names = new ArrayList<>();
        if (request instanceof SIPMessage message) {
            for (ListIterator<String> it = message.getUnrecognizedHeaders(); it.hasNext(); ) {
                names.add(nameOf(it.next()));
            }
        }
        return names;
    }

    private static String nameOf(String headerLine) {
        int colon = headerLine.indexOf(':');
        return (colon < 0 ? headerLine : headerLine.substring(0, colon)).strip();
    }

    private static SIPHeader placeholder(String name, String method, String transport) throws ParseException {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String line = switch (name) {
            case "Via" -> "Via: SIP/2.0/" + transport.toUpperCase(java.util.Locale.ROOT) + " invalid;rport;branch=z9hG4bK" + random;
            case "From" -> "From: <sip:invalid@invalid>;tag=" + random;
            case "To" -> "To: <sip:invalid@invalid>";
            case "Call-ID" -> "Call-ID: " + random + "@invalid";
            default -> "CSeq: 1 " + method;
        };
        return ParserFactory.createParser(line + "\n").parse();
    }

    /**
     * Where the headers of a message end and the Content-Length they declare, read from the bytes
     * (the stack's parsed message always has a Content-Length, 0 when none was sent).
     *
     * @param version        the last word of the first line: a request's SIP version as written
     * @param headerEnd      the index of the first byte after the empty line, -1 without one
     * @param declaredLength the Content-Length value, -1 without a readable one
     */
    record Framing(String version, int headerEnd, int declaredLength) {

        static Framing of(byte[] bytes) {
            int i = 0;
            while (i < bytes.length && (bytes[i] == '\r' || bytes[i] == '\n')) {
                i++;
            }
            String version = null;
            int declared = -1;
            int lineStart = i;
            while (i < bytes.length) {
                if (bytes[i] != '\n') {
                    i++;
                    continue;
                }
                int lineEnd = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                if (lineEnd == lineStart) {
                    return new Framing(version, i + 1, declared);
                }
                if (version == null) {
                    version = lastWord(bytes, lineStart, lineEnd);
                } else {
                    int length = contentLength(bytes, lineStart, lineEnd);
                    if (length != -2) {
                        declared = length;
                    }
                }
                lineStart = ++i;
            }
            if (lineStart < bytes.length) {
                if (version == null) {
                    version = lastWord(bytes, lineStart, bytes.length);
                } else {
                    int length = contentLength(bytes, lineStart, bytes.length);
                    if (length != -2) {
                        declared = length;
                    }
                }
            }
            return new Framing(version, -1, declared);
        }

        private static String lastWord(byte[] bytes, int start, int end) {
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
            return line.substring(line.lastIndexOf(' ') + 1);
        }

        /** The value of a Content-Length line, -1 if unreadable, -2 if the line is another header. */
        private static int contentLength(byte[] bytes, int start, int end) {
            int colon = -1;
            for (int i = start; i < end; i++) {
                if (bytes[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon < 0 || (bytes[start] | 0x20) != 'c' && (bytes[start] | 0x20) != 'l') {
                return -2;
            }
            String name = new String(bytes, start, colon - start, StandardCharsets.US_ASCII).strip();
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("l")) {
                return -2;
            }
            String value = new String(bytes, colon + 1, end - colon - 1, StandardCharsets.US_ASCII).strip();
            if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            return Integer.parseInt(value);
        }
    }
}

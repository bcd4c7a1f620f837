package dev.liaison.sip.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every request the SIP edge accepts goes through before its method's handler sees it,
 * in the order RFC 3261 gives them, each with its answer:
 * <ol>
 *   <li>a SIP version other than 2.0: 505 (§8.2, §21.5.7);</li>
 *   <li>a missing mandatory header (Via, From, To, Call-ID, CSeq, Max-Forwards, §8.1.1): 400 naming it;</li>
 *   <li>an unreadable framing header (Via, From, To, Call-ID, CSeq, Content-Length, Max-Forwards): 400 naming it;</li>
 *   <li>a CSeq method other than the request's (§8.1.1.5): 400;</li>
 *   <li>no Content-Length over a stream transport, or one larger than the datagram's body (§18.3): 400;</li>
 *   <li>a method the edge does not serve (§8.2.1): 405, the response lists {@link #allowed()};</li>
 *   <li>a Request-URI other than sip or sips, or (for a method that reads it as an address of record) such a To (§8.2.2.1): 416;</li>
 *   <li>an unreadable header the method reads (Expires, Contact...): 400 naming it;</li>
 *   <li>an option tag in Require that the edge does not support (§8.2.2.3): 420 with Unsupported, never for CANCEL;</li>
 *   <li>Max-Forwards 0 on a request the edge would forward (§16.3 step 2): 483. The edge answers every
 *       method it serves itself, OPTIONS included (§11), so none of them is refused for it.</li>
 * </ol>
 * An ACK is never answered (§17.2.3), whatever it holds. Plain Java: the caller reads the request
 * into {@link Parts}.
 */
public final class RequestRules {

    public static final int BAD_REQUEST = 400;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int UNSUPPORTED_URI_SCHEME = 416;
    public static final int BAD_EXTENSION = 420;
    public static final int TOO_MANY_HOPS = 483;
    public static final int VERSION_NOT_SUPPORTED = 505;

    /** The headers without which no request is valid (RFC 3261 §8.1.1), in the order they are reported. */
    public static final List<String> MANDATORY = List.of("Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards");
    /** The headers a request cannot be answered or framed without: unreadable, they are a 400 for every method. */
    static final List<String> FRAMING = List.of("Via", "v", "From", "f", "To", "t", "Call-ID", "i", "CSeq", "Content-Length",
            "l", "Max-Forwards");

    /**
     * What the checks read of one request, as it arrived.
     *
     * @param version        the SIP version of the request line, e.g. {@code SIP/2.0}
     * @param method         the method of the request line
     * @param cseqMethod     the method of the CSeq header, null without one
     * @param missing        the {@link #MANDATORY} headers the request does not have
     * @param unreadable     the names of the headers the stack could not parse (as written, compact forms included)
     * @param uriScheme      the scheme of the Request-URI
     * @param toScheme       the scheme of the To URI, null without one
     * @param required       the option tags of Require
     * @param maxForwards    the Max-Forwards value, -1 without a readable one
     * @param stream         whether it came over a stream transport (TCP, TLS)
     * @param declaredLength the Content-Length value, -1 without one
     * @param bodyLength     the bytes after the headers of a datagram, -1 over a stream
     */
    public record Parts(String version, String method, String cseqMethod, Set<String> missing, List<String> unreadable,
                        String uriScheme, String toScheme, List<String> required, int maxForwards, boolean stream,
                        int declaredLength, int bodyLength) {
    }

    /** The answer to a request that does not pass: its status, a reason phrase (null: the standard one), Unsupported tags. */
    public record Refusal(int status, String reason, List<String> unsupported) {

        static Refusal of(int status, String reason) {
            return new Refusal(status, reason, List.of());
        }
    }

    private final Map<String, Set<String>> served;
    private final Set<String> readsTo;
    private final Set<String> forwarded;
    private final Set<String> supported;

    /**
     * @param served    each method the edge serves (in the order Allow lists them) and the headers it
     *                  reads beyond the framing ones, compact forms included
     * @param readsTo   the methods that read To as an address of record (its scheme must be sip or sips)
     * @param forwarded the methods the edge would forward (Max-Forwards 0 is a 483 for them)
     * @param supported the option tags the edge supports
     */
    public RequestRules(Map<String, Set<String>> served, Set<String> readsTo, Set<String> forwarded, Set<String> supported) {
        this.served = new LinkedHashMap<>();
        served.forEach((method, headers) -> this.served.put(method,
                headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet())));
        this.readsTo = Set.copyOf(readsTo);
        this.forwarded = Set.copyOf(forwarded);
        this.supported = supported.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    /** The methods served, for Allow. */
    public List<String> allowed() {
        return List.copyOf(served.keySet());
    }

    /** The refusal a request gets before its handler sees it, or empty if it passes (always for an ACK). */
    public Optional<Refusal> check(Parts request) {
        if ("ACK".equals(request.method())) {
            return Optional.empty();
        }
        if (!"SIP/2.0".equals(request.version())) {
            return Optional.of(Refusal.of(VERSION_NOT_SUPPORTED, "SIP version " + request.version() + " not supported"));
        }
        for (String header : MANDATORY) {
            if (request.missing().contains(header)) {
                String compact = compact(header);
                String unreadable = unreadable(request, compact == null ? List.of(header) : List.of(header, compact));
                return Optional.of(Refusal.of(BAD_REQUEST, (unreadable != null ? "Malformed " : "Missing ") + header + " header"));
            }
        }
        String framing = unreadable(request, FRAMING);
        if (framing != null) {
            return Optional.of(Refusal.of(BAD_REQUEST, "Malformed " + longName(framing) + " header"));
        }
        if (!request.method().equals(request.cseqMethod())) {
            return Optional.of(Refusal.of(BAD_REQUEST, "CSeq method " + request.cseqMethod() + " does not match " + request.method()));
        }
        if (request.stream() && request.declaredLength() < 0) {
            return Optional.of(Refusal.of(BAD_REQUEST, "Missing Content-Length header"));
        }
        if (!request.stream() && request.declaredLength() > request.bodyLength()) {
            return Optional.of(Refusal.of(BAD_REQUEST, "Content-Length larger than the body"));
        }
        Set<String> read = served.get(request.method());
        if (read == null) {
            return Optional.of(Refusal.of(METHOD_NOT_ALLOWED, null));
        }
        if (!sip(request.uriScheme()) || (readsTo.contains(request.method()) && !sip(request.toScheme()))) {
            return Optional.of(Refusal.of(UNSUPPORTED_URI_SCHEME, null));
        }
        String unreadable = unreadable(request, read);
        if (unreadable != null) {
            return Optional.of(Refusal.of(BAD_REQUEST, "Malformed " + longName(unreadable) + " header"));
        }
        if (!"CANCEL".equals(request.method())) {
            List<String> unsupported = new ArrayList<>();
            for (String tag : request.required()) {
                if (!supported.contains(tag.toLowerCase(Locale.ROOT)) && !unsupported.contains(tag)) {
                    unsupported.add(tag);
                }
            }
            if (!unsupported.isEmpty()) {
                return Optional.of(new Refusal(BAD_EXTENSION, null, List.copyOf(unsupported)));
            }
        }
        if (request.maxForwards() == 0 && forwarded.contains(request.method())) {
            return Optional.of(Refusal.of(TOO_MANY_HOPS, null));
        }
        return Optional.empty();
    }

    private static boolean sip(String scheme) {
        return "sip".equalsIgnoreCase(scheme) || "sips".equalsIgnoreCase(scheme);
    }

    /** The first unreadable header of the request among {@code names}, as the request wrote it, or null. */
    private static String unreadable(Parts request, java.util.Collection<String> names) {
        for (String header : request.unreadable()) {
            for (String name : names) {
                if (name != null && name.equalsIgnoreCase(header)) {
                    return header;
                }
            }
        }
        return null;
    }

    private static String compact(String header) {
        return switch (header) {
            case "Via" -> "v";
            case "From" -> "f";
            case "To" -> "t";
            case "Call-ID" -> "i";
            default -> null;
        };
    }

    /** The full name of a header written in its compact form (RFC 3261 §7.3.3). */
    static String longName(String header) {
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "v" -> "Via";
            case "f" -> "From";
            case "t" -> "To";
            case "i" -> "Call-ID";
            case "l" -> "Content-Length";
            case "m" -> "Contact";
            case "c" -> "Content-Type";
            case "o" -> "Event";
            case "k" -> "Supported";
            case "e" -> "Content-Encoding";
            case "s" -> "Subject";
            default -> header;
        };
    }
}

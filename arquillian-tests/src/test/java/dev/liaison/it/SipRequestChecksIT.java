package dev.liaison.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of RFC 3261 §8.2 (and §8.1.1, §18.3, §20) for every method the SIP edge accepts, each
 * with the answer RFC 3261 and the RFC 4475 torture cases give, sent as raw text over UDP and over
 * TCP so that malformed requests really go out as written.
 */
class SipRequestChecksIT extends LiaisonIT {

    private static final List<String> TRANSPORTS = List.of("UDP", "TCP");
    /** Every method the edge accepts, and one it does not know. */
    private static final List<String> METHODS = List.of("REGISTER", "SUBSCRIBE", "PUBLISH", "OPTIONS", "CANCEL", "NEWMETHOD");

    /** A well-formed request of {@code method} to {@code uri}, with {@code extra} headers, no body. */
    private static List<String> request(String transport, String method, String uri, String... extra) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>(List.of(
                method + " " + uri + " SIP/2.0",
                "Via: SIP/2.0/" + transport + " 127.0.0.1:{port};branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", ""),
                "Max-Forwards: 70",
                "From: <sip:checks@liaison.test>;tag=" + tag,
                "To: <sip:checks@liaison.test>",
                "Call-ID: " + UUID.randomUUID() + "@127.0.0.1",
                "CSeq: 1 " + method));
        if ("SUBSCRIBE".equals(method) || "PUBLISH".equals(method)) {
            lines.add("Event: presence");
        }
        lines.addAll(List.of(extra));
        if (lines.stream().noneMatch(l -> l.regionMatches(true, 0, "Content-Length", 0, 14))) {
            lines.add("Content-Length: 0");
        }
        lines.add("");
        return lines;
    }

    /** {@code lines} without the header named {@code name}. */
    private static List<String> without(List<String> lines, String name) {
        return lines.stream().filter(l -> !l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).toList();
    }

    /** {@code lines} with the header named {@code name} written as {@code line}. */
    private static List<String> replacing(List<String> lines, String name, String line) {
        return lines.stream().map(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1) ? line : l).toList();
    }

    private static List<String> withFirstLine(List<String> lines, String first) {
        List<String> changed = new ArrayList<>(lines);
        changed.set(0, first);
        return changed;
    }

    private static String send(String transport, List<String> lines) {
        String[] text = lines.toArray(String[]::new);
        String answer = "UDP".equals(transport) ? SipClient.raw(text) : SipClient.rawTcp(text);
        assertThat(answer).as("an answer over " + transport + " to\n" + String.join("\n", lines)).isNotNull();
        return answer;
    }

    private static String statusLine(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    private static String header(String response, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(response);
        return m.find() ? m.group(1) : null;
    }

    private static String uri(String method) {
        return "REGISTER".equals(method) ? "sip:liaison.test" : "sip:checks@liaison.test";
    }

    @Test
    void aSipVersionOtherThan20Is505ForEveryMethod() {
        // RFC 4475 §3.3.14 (badvers)
        for (String transport : TRANSPORTS) {
            for (String method : METHODS) {
                List<String> lines = request(transport, method, uri(method));
                String answer = send(transport, withFirstLine(lines, method + " " + uri(method) + " SIP/7.0"));
                assertThat(statusLine(answer)).as(method + " over " + transport).startsWith("SIP/2.0 505");
                assertThat(header(answer, "CSeq")).isEqualTo("1 " + method);
            }
        }
    }

    @Test
    void aMissingMandatoryHeaderIs400NamingItForEveryMethod() {
        for (String transport : TRANSPORTS) {
            for (String method : METHODS) {
                for (String missing : List.of("Call-ID", "From", "To", "CSeq", "Max-Forwards", "Via")) {
                    String answer = send(transport, without(request(transport, method, uri(method)), missing));
                    assertThat(statusLine(answer)).as(method + " without " + missing + " over " + transport)
                            .isEqualTo("SIP/2.0 400 Missing " + missing + " header");
                    if (!"Via".equals(missing) && !"CSeq".equals(missing)) {
                        assertThat(header(answer, missing)).as("no " + missing + " made up in the answer").isNull();
                    }
                }
            }
        }
    }

    @Test
    void theInsufficientRequestOfRfc4475Gets400() {
        // RFC 4475 §3.1.2.18 (insuf): no Call-ID, From, To or Max-Forwards
        for (String transport : TRANSPORTS) {
            String answer = send(transport, List.of("INVITE sip:user@example.com SIP/2.0", "CSeq: 193942 INVITE",
                    "Via: SIP/2.0/" + transport + " 127.0.0.1:{port};branch=z9hG4bKkdj.insuf",
                    "Content-Type: application/sdp", "l: 0", ""));
            assertThat(statusLine(answer)).as(transport).startsWith("SIP/2.0 400 Missing");
            assertThat(header(answer, "Via")).contains("z9hG4bKkdj.insuf");
        }
    }

    @Test
    void aCSeqMethodOtherThanTheRequestsIs400ForEveryMethod() {
        // RFC 4475 §3.4.2 (mismatch01) and §3.4.3 (mismatch02)
        for (String transport : TRANSPORTS) {
            for (String method : METHODS) {
                String other = "REGISTER".equals(method) ? "INVITE" : "REGISTER";
                String answer = send(transport, replacing(request(transport, method, uri(method)), "CSeq", "CSeq: 8 " + other));
                assertThat(statusLine(answer)).as(method + " over " + transport).startsWith("SIP/2.0 400 CSeq method");
                assertThat(header(answer, "CSeq")).as("the CSeq as the request wrote it").isEqualTo("8 " + other);
            }
        }
    }

    @Test
    void aRequestUriOtherThanSipIs416ForEveryMethodServed() {
        // RFC 4475 §3.3.8 (unksm2) for the Request-URI
        for (String transport : TRANSPORTS) {
            for (String method : List.of("REGISTER", "SUBSCRIBE", "PUBLISH", "OPTIONS", "CANCEL")) {
                for (String uri : List.of("tel:+33123456789", "nosuchscheme:foo@liaison.test")) {
                    List<String> lines = request(transport, method, uri);
                    String answer = send(transport, lines);
                    assertThat(statusLine(answer)).as(method + " " + uri + " over " + transport).startsWith("SIP/2.0 416");
                }
            }
            String unknown = send(transport, request(transport, "NEWMETHOD", "tel:+33123456789"));
            assertThat(statusLine(unknown)).as("the method is looked at first (RFC 3261 §8.2.1)").startsWith("SIP/2.0 405");
        }
    }

    @Test
    void anUnsupportedRequireIs420WithUnsupportedButNeverForCancel() {
        // RFC 4475 §3.3.6 (bext01)
        for (String transport : TRANSPORTS) {
            for (String method : List.of("REGISTER", "SUBSCRIBE", "PUBLISH", "OPTIONS")) {
                String answer = send(transport, request(transport, method, uri(method), "Require: nothingSupportsThis, nothingSupportsThisEither"));
                assertThat(statusLine(answer)).as(method + " over " + transport).startsWith("SIP/2.0 420");
                assertThat(answer).containsPattern("(?im)^Unsupported:.*nothingSupportsThis\\b")
                        .containsPattern("(?im)^Unsupported:.*nothingSupportsThisEither");
            }
            String cancel = send(transport, request(transport, "CANCEL", uri("CANCEL"), "Require: nothingSupportsThis"));
            assertThat(statusLine(cancel)).as("CANCEL over " + transport + " (RFC 3261 §8.2.2.3)").startsWith("SIP/2.0 481");
            assertThat(header(cancel, "Unsupported")).isNull();
        }
    }

    @Test
    void anUnknownMethodIs405WithAllowEvenWhenItRequiresAnExtension() {
        for (String transport : TRANSPORTS) {
            String answer = send(transport, request(transport, "NEWMETHOD", "sip:checks@liaison.test", "Require: foo"));
            assertThat(statusLine(answer)).as(transport).startsWith("SIP/2.0 405");
            String allow = answer.lines().filter(l -> l.regionMatches(true, 0, "Allow:", 0, 6)).toList().toString()
                    .toUpperCase(Locale.ROOT);
            assertThat(allow).contains("REGISTER", "SUBSCRIBE", "PUBLISH", "OPTIONS", "CANCEL", "ACK");
        }
    }

    @Test
    void maxForwardsZeroIsAnsweredByTheEdgeAndAnOutOfRangeOneIs400() {
        for (String transport : TRANSPORTS) {
            String options = send(transport, replacing(request(transport, "OPTIONS", "sip:liaison.test"), "Max-Forwards",
                    "Max-Forwards: 0"));
            assertThat(statusLine(options)).as("OPTIONS to its final recipient (RFC 3261 §11) over " + transport)
                    .startsWith("SIP/2.0 200");
            assertThat(header(options, "Allow")).isNotNull();
            // RFC 4475 §3.1.2.2 (scalar02): Max-Forwards is 0-255
            for (String method : METHODS) {
                String answer = send(transport, replacing(request(transport, method, uri(method)), "Max-Forwards", "Max-Forwards: 300"));
                assertThat(statusLine(answer)).as(method + " over " + transport).isEqualTo("SIP/2.0 400 Malformed Max-Forwards header");
            }
        }
    }

    @Test
    void contentLengthLargerThanTheDatagramOrMissingOverTcpIs400() {
        // RFC 4475 §3.1.2.7 (clerr) over UDP; RFC 3261 §18.3 over TCP
        for (String method : METHODS) {
            String tooLong = send("UDP", request("UDP", method, uri(method), "Content-Type: text/plain", "Content-Length: 9999",
                    "", "a short body"));
            assertThat(statusLine(tooLong)).as(method).isEqualTo("SIP/2.0 400 Content-Length larger than the body");
            String noLength = send("TCP", without(request("TCP", method, uri(method)), "Content-Length"));
            assertThat(statusLine(noLength)).as(method).isEqualTo("SIP/2.0 400 Missing Content-Length header");
        }
        // RFC 4475 §3.1.2.13 (ncl): a negative Content-Length
        String negative = send("UDP", replacing(request("UDP", "OPTIONS", "sip:liaison.test"), "Content-Length",
                "Content-Length: -999"));
        assertThat(statusLine(negative)).startsWith("SIP/2.0 400");
    }

    @Test
    void aWellFormedRequestOfEachMethodStillGetsItsOwnAnswer() {
        for (String transport : TRANSPORTS) {
            assertThat(statusLine(send(transport, request(transport, "OPTIONS", "sip:liaison.test")))).startsWith("SIP/2.0 200");
            assertThat(statusLine(send(transport, request(transport, "REGISTER", "sip:liaison.test",
                    "Contact: <sip:checks@127.0.0.1:{port}>")))).startsWith("SIP/2.0 401");
            assertThat(statusLine(send(transport, request(transport, "SUBSCRIBE", "sip:checks@liaison.test",
                    "Contact: <sip:checks@127.0.0.1:{port}>")))).startsWith("SIP/2.0 401");
            assertThat(statusLine(send(transport, request(transport, "PUBLISH", "sip:checks@liaison.test")))).startsWith("SIP/2.0 401");
            assertThat(statusLine(send(transport, request(transport, "CANCEL", "sip:liaison.test")))).startsWith("SIP/2.0 481");
            String options = send(transport, request(transport, "OPTIONS", "sip:liaison.test"));
            assertThat(header(options, "Accept")).isEqualTo("application/pidf+xml");
        }
    }
}

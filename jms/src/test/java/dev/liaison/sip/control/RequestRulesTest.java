package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRulesTest {

    private static RequestRules rules(Set<String> forwarded) {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        served.put("REGISTER", Set.of("Expires", "Contact", "m"));
        served.put("OPTIONS", Set.of());
        served.put("ACK", Set.of());
        served.put("CANCEL", Set.of());
        served.put("MESSAGE", Set.of());
        return new RequestRules(served, Set.of("REGISTER"), forwarded, Set.of("path"));
    }

    private static final RequestRules RULES = rules(Set.of());

    /** A well-formed OPTIONS over UDP, changed by the test. */
    private static RequestRules.Parts options() {
        return new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "sip", "sip", List.of(), 70,
                false, 0, 0);
    }

    private static RequestRules.Parts with(RequestRules.Parts p, String version, String method, String cseqMethod) {
        return new RequestRules.Parts(version, method, cseqMethod, p.missing(), p.unreadable(), p.uriScheme(), p.toScheme(),
                p.required(), p.maxForwards(), p.stream(), p.declaredLength(), p.bodyLength());
    }

    private static Optional<RequestRules.Refusal> check(RequestRules.Parts parts) {
        return RULES.check(parts);
    }

    @Test
    void aWellFormedRequestPassesAndTheAllowListKeepsTheOrderGiven() {
        assertThat(check(options())).isEmpty();
        assertThat(RULES.allowed()).containsExactly("REGISTER", "OPTIONS", "ACK", "CANCEL", "MESSAGE");
    }

    @Test
    void anotherSipVersionIs505BeforeAnythingElse() {
        RequestRules.Parts broken = new RequestRules.Parts("SIP/7.0", "OPTIONS", null, Set.of("CSeq", "Call-ID"), List.of(),
                "tel", null, List.of("foo"), -1, false, 0, 0);
        assertThat(check(broken)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(505);
            assertThat(r.reason()).contains("SIP/7.0");
        });
        assertThat(check(with(options(), "sip/2.0", "OPTIONS", "OPTIONS"))).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(505));
    }

    @Test
    void aMissingMandatoryHeaderIs400NamingIt() {
        for (String header : RequestRules.MANDATORY) {
            RequestRules.Parts missing = new RequestRules.Parts("SIP/2.0", "OPTIONS", "CSeq".equals(header) ? null : "OPTIONS",
                    Set.of(header), List.of(), "sip", "sip", List.of(), "Max-Forwards".equals(header) ? -1 : 70, false, 0, 0);
            assertThat(check(missing)).as(header).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.reason()).isEqualTo("Missing " + header + " header");
            });
        }
        RequestRules.Parts several = new RequestRules.Parts("SIP/2.0", "INVITE", "INVITE", Set.of("To", "From", "Call-ID",
                "Max-Forwards"), List.of(), "sip", null, List.of(), -1, false, 0, 0);
        assertThat(check(several)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("Missing From header"));
    }

    @Test
    void anUnreadableFramingHeaderIs400NamingItInFull() {
        RequestRules.Parts compactTo = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of("To"), List.of("t"),
                "sip", null, List.of(), 70, false, 0, 0);
        assertThat(check(compactTo)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("Malformed To header"));
        RequestRules.Parts hops = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of("Max-Forwards"),
                List.of("Max-Forwards"), "sip", "sip", List.of(), -1, false, 0, 0);
        assertThat(check(hops)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("Malformed Max-Forwards header"));
        RequestRules.Parts length = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of("l"),
                "sip", "sip", List.of(), 70, false, -1, 0);
        assertThat(check(length)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("Malformed Content-Length header");
        });
    }

    @Test
    void aCSeqMethodOtherThanTheRequestsIs400EvenForAnUnknownMethod() {
        assertThat(check(with(options(), "SIP/2.0", "OPTIONS", "INVITE"))).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).contains("CSeq");
        });
        assertThat(check(with(options(), "SIP/2.0", "NEWMETHOD", "INVITE"))).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void contentLengthMustBeThereOverAStreamAndNotExceedADatagramsBody() {
        RequestRules.Parts tcpWithout = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "sip", "sip",
                List.of(), 70, true, -1, -1);
        assertThat(check(tcpWithout)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("Missing Content-Length header");
        });
        RequestRules.Parts tcpWith = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "sip", "sip",
                List.of(), 70, true, 12, -1);
        assertThat(check(tcpWith)).isEmpty();
        RequestRules.Parts udpShort = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "sip", "sip",
                List.of(), 70, false, 150, 20);
        assertThat(check(udpShort)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("Content-Length larger than the body"));
        RequestRules.Parts udpWithout = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "sip", "sip",
                List.of(), 70, false, -1, 20);
        assertThat(check(udpWithout)).as("Content-Length may be left out over UDP (RFC 3261 §18.3)").isEmpty();
    }

    @Test
    void aMethodNotServedIs405BeforeTheUriSchemeAndRequire() {
        RequestRules.Parts invite = new RequestRules.Parts("SIP/2.0", "INVITE", "INVITE", Set.of(), List.of(), "tel", "tel",
                List.of("foo"), 70, false, 0, 0);
        assertThat(check(invite)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.unsupported()).isEmpty();
        });
    }

    @Test
    void aRequestUriOtherThanSipOrSipsIs416AndSoIsANonSipToOfARegister() {
        RequestRules.Parts tel = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "tel", "sip",
                List.of("foo"), 70, false, 0, 0);
        assertThat(check(tel)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(416));
        RequestRules.Parts sips = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "SIPS", "tel",
                List.of(), 70, false, 0, 0);
        assertThat(check(sips)).as("OPTIONS does not read To as an address of record").isEmpty();
        RequestRules.Parts register = new RequestRules.Parts("SIP/2.0", "REGISTER", "REGISTER", Set.of(), List.of(), "sip", "tel",
                List.of(), 70, false, 0, 0);
        assertThat(check(register)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(416));
    }

    @Test
    void anUnreadableHeaderTheMethodReadsIs400ButOneItIgnoresIsNot() {
        RequestRules.Parts register = new RequestRules.Parts("SIP/2.0", "REGISTER", "REGISTER", Set.of(), List.of("m"),
                "sip", "sip", List.of(), 70, false, 0, 0);
        assertThat(check(register)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("Malformed Contact header"));
        RequestRules.Parts options = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of("Expires"),
                "sip", "sip", List.of(), 70, false, 0, 0);
        assertThat(check(options)).isEmpty();
    }

    @Test
    void unknownOptionTagsAre420ListingEachOnceButNeverForCancelOrAck() {
        RequestRules.Parts required = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(),
                "sip", "sip", List.of("foo", "PATH", "bar", "foo"), 70, false, 0, 0);
        assertThat(check(required)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(420);
            assertThat(r.unsupported()).containsExactly("foo", "bar");
        });
        for (String method : List.of("CANCEL", "ACK")) {
            RequestRules.Parts p = new RequestRules.Parts("SIP/2.0", method, method, Set.of(), List.of(), "sip", "sip",
                    List.of("foo"), 70, false, 0, 0);
            assertThat(check(p)).as(method).isEmpty();
        }
    }

    @Test
    void anAckIsNeverRefusedWhateverItHolds() {
        RequestRules.Parts ack = new RequestRules.Parts("SIP/3.0", "ACK", "INVITE", Set.of("Call-ID"), List.of("CSeq"), "tel",
                null, List.of("foo"), -1, true, -1, -1);
        assertThat(check(ack)).isEmpty();
    }

    @Test
    void maxForwardsZeroIs483OnlyWhereTheEdgeWouldForward() {
        RequestRules.Parts options = new RequestRules.Parts("SIP/2.0", "OPTIONS", "OPTIONS", Set.of(), List.of(), "sip", "sip",
                List.of(), 0, false, 0, 0);
        assertThat(check(options)).as("OPTIONS is answered by its final recipient (RFC 3261 §11)").isEmpty();
        RequestRules.Parts message = new RequestRules.Parts("SIP/2.0", "MESSAGE", "MESSAGE", Set.of(), List.of(), "sip", "sip",
                List.of(), 0, false, 0, 0);
        assertThat(check(message)).isEmpty();
        assertThat(rules(Set.of("MESSAGE")).check(message)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(483));
        RequestRules.Parts oneHop = new RequestRules.Parts("SIP/2.0", "MESSAGE", "MESSAGE", Set.of(), List.of(), "sip", "sip",
                List.of(), 1, false, 0, 0);
        assertThat(rules(Set.of("MESSAGE")).check(oneHop)).isEmpty();
    }
}

package dev.liaison.sip.boundary;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestGateTest {

    /** What the stack's UDP channel does with an unreadable header: refuses the message for a framing one. */
    private static final ParseExceptionListener STACK = (ex, message, headerClass, header, text) -> {
        throw ex;
    };

    private static SIPRequest parse(String... lines) throws ParseException {
        byte[] bytes = (String.join("\r\n", lines)).getBytes(StandardCharsets.UTF_8);
        return (SIPRequest) RequestGate.parse(new StringMsgParser(), bytes, true, false, STACK);
    }

    private static RequestGate.Arrival arrival(SIPMessage message) {
        return (RequestGate.Arrival) message.getApplicationData();
    }

    @Test
    void aWellFormedRequestIsLeftAsItCameWithWhatItHeld() throws ParseException {
        SIPRequest request = parse("OPTIONS sip:liaison.test SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1",
                "Max-Forwards: 70", "From: <sip:a@liaison.test>;tag=1", "To: <sip:liaison.test>", "Call-ID: c1",
                "CSeq: 1 OPTIONS", "Require: foo, bar", "Content-Type: text/plain", "l: 5", "", "hello");
        RequestGate.Arrival arrival = arrival(request);
        assertThat(arrival.placeholders()).isEmpty();
        assertThat(arrival.cseqMethod()).isNull();
        assertThat(arrival.parts().missing()).isEmpty();
        assertThat(arrival.parts().required()).containsExactly("foo", "bar");
        assertThat(arrival.parts().declaredLength()).isEqualTo(5);
        assertThat(arrival.parts().bodyLength()).isEqualTo(5);
        assertThat(arrival.parts().maxForwards()).isEqualTo(70);
        assertThat(arrival.parts().uriScheme()).isEqualTo("sip");
        assertThat(new String(request.getRawContent(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aRequestWithoutTheHeadersTheStackNeedsGetsPlaceholdersAndTheRecordOfWhatWasMissing() throws ParseException {
        // RFC 4475 §3.1.2.18 (insuf): no Call-ID, From, To or Max-Forwards
        SIPRequest request = parse("INVITE sip:user@example.com SIP/2.0", "CSeq: 193942 INVITE",
                "Via: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf", "Content-Length: 0", "", "");
        assertThat(arrival(request).parts().missing()).containsExactlyInAnyOrder("From", "To", "Call-ID", "Max-Forwards");
        assertThat(arrival(request).placeholders()).containsExactlyInAnyOrder("From", "To", "Call-ID");
        assertThat(request.getFrom()).isNotNull();
        assertThat(request.getTo()).isNotNull();
        assertThat(request.getCallId()).isNotNull();
        assertThat(request.getHeader("Max-Forwards")).as("the stack does without one").isNull();
    }

    @Test
    void anUnreadableFramingHeaderIsNotedInsteadOfRefusingTheMessage() throws ParseException {
        SIPRequest request = parse("OPTIONS sip:liaison.test SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK2",
                "Max-Forwards: 300", "From: <sip:a@liaison.test>;tag=1", "To: <sip:liaison.test>", "Call-ID: c2",
                "CSeq: one OPTIONS", "Content-Length: 0", "", "");
        assertThat(arrival(request).parts().unreadable()).containsExactlyInAnyOrder("CSeq", "Max-Forwards");
        assertThat(arrival(request).parts().missing()).containsExactlyInAnyOrder("CSeq", "Max-Forwards");
        assertThat(request.getCSeq().getMethod()).isEqualTo("OPTIONS");
    }

    @Test
    void anotherVersionAndAnotherCSeqMethodAreRecordedAndSetRightForTheStack() throws ParseException {
        SIPRequest request = parse("OPTIONS sip:liaison.test SIP/7.0", "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK3",
                "Max-Forwards: 70", "From: <sip:a@liaison.test>;tag=1", "To: <sip:liaison.test>", "Call-ID: c3",
                "CSeq: 8 INVITE", "Content-Length: 0", "", "");
        assertThat(arrival(request).parts().version()).isEqualTo("SIP/7.0");
        assertThat(arrival(request).parts().cseqMethod()).isEqualTo("INVITE");
        assertThat(arrival(request).cseqMethod()).isEqualTo("INVITE");
        assertThat(request.getRequestLine().getSipVersion()).as("what the stack reads of any version").isEqualTo("SIP/2.0");
        assertThat(request.getCSeq().getMethod()).isEqualTo("OPTIONS");
    }

    @Test
    void aDatagramShorterThanItsContentLengthIsReadWithoutBodyInsteadOfRefused() throws ParseException {
        // RFC 4475 §3.1.2.7 (clerr): Content-Length larger than the message
        SIPRequest request = parse("OPTIONS sip:liaison.test SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK4",
                "Max-Forwards: 70", "From: <sip:a@liaison.test>;tag=1", "To: <sip:liaison.test>", "Call-ID: c4",
                "CSeq: 1 OPTIONS", "Content-Type: text/plain", "Content-Length: 9999", "", "short body");
        assertThat(arrival(request).parts().declaredLength()).isEqualTo(9999);
        assertThat(arrival(request).parts().bodyLength()).isEqualTo(10);
    }

    @Test
    void aBrokenRequestLineIsStillTheStacksToRefuse() {
        assertThatThrownBy(() -> parse("OPTIONS", "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK5", "", ""))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void framingFindsTheEndOfTheHeadersAndTheDeclaredLengthInEitherForm() {
        byte[] bytes = "\r\nOPTIONS sip:x SIP/2.0\r\nl: 3\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestGate.Framing.of(bytes)).isEqualTo(new RequestGate.Framing("SIP/2.0", bytes.length - 3, 3));
        assertThat(RequestGate.Framing.of("OPTIONS sip:x SIP/2.0\nContent-Length : -5\n\n".getBytes(StandardCharsets.US_ASCII)))
                .extracting(RequestGate.Framing::declaredLength).isEqualTo(-1);
        assertThat(RequestGate.Framing.of("OPTIONS sip:x SIP/2.0\r\nCall-ID: l: 4\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new RequestGate.Framing("SIP/2.0", -1, -1));
        assertThat(RequestGate.Framing.of("OPTIONS sip:x SIP/7.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).version())
                .isEqualTo("SIP/7.0");
    }
}

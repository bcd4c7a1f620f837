package dev.liaison.sip.boundary;

import dev.liaison.sip.control.PeerDomains;

import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import java.util.Locale;

/** What a peer signature ({@link PeerDomains}) covers of a SIP request, and where it travels. */
final class PeerRequests {

    private PeerRequests() {
    }

    /**
     * The signed fields of {@code request} with {@code body} as its body: Call-ID, CSeq, the From
     * and Request-URI as {@code user@host}.
     */
    static PeerDomains.Signed signed(Request request, byte[] body) {
        SipURI from = (SipURI) ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        SipURI to = (SipURI) request.getRequestURI();
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        return new PeerDomains.Signed(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                cseq.getSeqNumber(), cseq.getMethod(), userAtHost(from), userAtHost(to), body);
    }

    /** The value of the request's {@value PeerDomains#HEADER} header, or null. */
    static String signature(Request request) {
        Header header = request.getHeader(PeerDomains.HEADER);
        if (header == null) {
            return null;
        }
        String text = header.toString().strip();
        return text.substring(text.indexOf(':') + 1).strip();
    }

    private static String userAtHost(SipURI uri) {
        return uri.getUser() + "@" + uri.getHost().toLowerCase(Locale.ROOT);
    }
}

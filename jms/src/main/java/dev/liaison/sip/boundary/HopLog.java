package dev.liaison.sip.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * The event log's record of each leg a request takes between two domains: the sending server
 * records {@value #RELAYED} when the peer answered, the receiving server {@value #RECEIVED} when it
 * answered the peer, both with the same correlation id, the sender's Call-ID, carried in the
 * {@value #HEADER} header. An operator follows one message through both servers' logs with it.
 */
@FunctionalInterface
interface HopLog {

    /** The header that carries the correlation id from one server to the next. */
    String HEADER = "Liaison-Correlation";
    /** The event type of a request relayed to a peer domain's server. */
    String RELAYED = "im.peer-relayed";
    /** The event type of a request a peer domain's server brought. */
    String RECEIVED = "im.peer-received";

    /** Records one leg, off the SIP thread: {@code subject} is the local user, {@code detail} JSON. */
    void record(String type, String subject, String detail);

    /** The detail of a leg: the correlation id, the method, the peer domain, the other party and the status. */
    static String detail(String correlation, String method, String peer, String party, int status) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("correlation", correlation).add("method", method)
                .add("peer", peer).add("party", party).add("status", status);
        return json.build().toString();
    }

    /** The correlation id a peer's request carries, or its Call-ID when it carries none. */
    static String correlationOf(Request request) {
        Header header = request.getHeader(HEADER);
        if (header != null) {
            String text = header.toString().strip();
            return text.substring(text.indexOf(':') + 1).strip();
        }
        return ((javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    }
}

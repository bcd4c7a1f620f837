package dev.liaison.it;

import javax.sip.message.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SIP conversation over one TCP connection, written and read by hand, as a client that writes
 * its own SIP would; with the MSRP offer such a client makes and the digest-answered INVITE.
 */
final class RawSip implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final String callId = UUID.randomUUID() + "@127.0.0.1";
    final String fromTag = Long.toHexString(System.nanoTime());
    final int localPort;

    RawSip() throws IOException {
        socket = new Socket(SipClient.HOST, SipClient.PORT);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        localPort = socket.getLocalPort();
    }

    void write(String message) throws IOException {
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads messages until a final response, which it returns (head and body). */
    String finalResponse() throws IOException {
        while (true) {
            String message = read();
            if (!message.matches("(?s)SIP/2\\.0 1\\d\\d .*")) {
                return message;
            }
        }
    }

    String read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        Matcher length = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)").matcher(text);
        int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return text + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }

    String request(String method, String uri, int cseq, String toTag, List<String> extra, String contentType, String body) {
        lastBranch = "z9hG4bK" + UUID.randomUUID();
        return request(method, uri, cseq, toTag, extra, contentType, body, lastBranch);
    }

    /** The CANCEL of the last request (RFC 3261 §9.1): its Request-URI, Call-ID, CSeq number and Via branch. */
    String cancel(String uri, int cseq) {
        return request("CANCEL", uri, cseq, null, List.of(), null, null, lastBranch);
    }

    /** The ACK of a non-2xx final answer to the last request, in its transaction (RFC 3261 §17.1.1.3). */
    String ackOfLast(String uri, int cseq, String toTag) {
        return request("ACK", uri, cseq, toTag, List.of(), null, null, lastBranch);
    }

    private String request(String method, String uri, int cseq, String toTag, List<String> extra, String contentType, String body,
                           String branch) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/TCP 127.0.0.1:").append(localPort).append(";branch=").append(branch).append("\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <sip:").append(from).append("@liaison.test>;tag=").append(fromTag).append("\r\n");
        b.append("To: <").append(uri).append(">").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append("Contact: <sip:ua@127.0.0.1:").append(localPort).append(";transport=tcp>\r\n");
        extra.forEach(line -> b.append(line).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        b.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        return b + (body == null ? "" : body);
    }

    String from;
    /** The Via branch of the last request written by {@link #request}. */
    String lastBranch;
    /** The To tag of the last session set up ({@link #invite}). */
    String toTag;

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static final String OFFER_PATH = "msrp://127.0.0.1:7777/s3ndr7a1ic3;tcp";

    static String sdpOffer() {
        return "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 7777 TCP/MSRP *\r\na=accept-types:text/plain message/cpim\r\na=path:" + OFFER_PATH + "\r\n";
    }

    static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    /** INVITEs {@code uri} as {@code user} with an MSRP offer, answering the digest challenge; returns the 200's MSRP path. */
    static String invite(RawSip sip, String user, String uri) throws IOException {
        return invite(sip, user, uri, sdpOffer());
    }

    /** INVITEs {@code uri} as {@code user} with the SDP offer {@code sdp}, answering the digest challenge; returns the 200's MSRP path. */
    static String invite(RawSip sip, String user, String uri, String sdp) throws IOException {
        String ok = inviteAnswer(sip, user, uri, sdp);
        assertThat(ok).startsWith("SIP/2.0 200");
        return ok.lines().filter(l -> l.startsWith("a=path:")).findFirst().orElseThrow().substring(7).strip();
    }

    /** INVITEs {@code uri} as {@code user} with an MSRP offer, answering the digest challenge; returns the final answer, acknowledged. */
    static String inviteAnswer(RawSip sip, String user, String uri) throws IOException {
        return inviteAnswer(sip, user, uri, sdpOffer());
    }

    /** As {@link #inviteAnswer(RawSip, String, String)} with the SDP offer {@code sdp}. */
    static String inviteAnswer(RawSip sip, String user, String uri, String sdp) throws IOException {
        sip.from = user;
        sip.write(sip.request("INVITE", uri, 1, null, List.of(), "application/sdp", sdp));
        String challenge = sip.finalResponse();
        assertThat(challenge).startsWith("SIP/2.0 401");
        sip.write(sip.request("ACK", uri, 1, param(header(challenge, "To"), "tag"), List.of(), null, null));
        String sha = challenge.lines().filter(l -> l.startsWith("WWW-Authenticate") && l.contains("SHA-256")).findFirst().orElseThrow();
        String authorization = SipClient.authorization(Request.INVITE, uri, param(sha, "nonce"), param(sha, "realm"), "SHA-256",
                user, Accounts.password(user), 1);
        sip.write(sip.request("INVITE", uri, 2, null, List.of("Authorization: " + authorization), "application/sdp", sdp));
        String answer = sip.finalResponse();
        sip.toTag = param(header(answer, "To"), "tag");
        sip.write(sip.request("ACK", uri, 2, sip.toTag, List.of(), null, null));
        return answer;
    }
}

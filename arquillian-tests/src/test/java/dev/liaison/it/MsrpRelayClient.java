package dev.liaison.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The active end of an MSRP session that goes through a relay (RFC 4976), as a client behind one
 * would be: it connects to the relay, AUTHenticates there (digest, §5) for the Use-Path that puts
 * the relay in its SDP path, and sends and reads everything over that one connection. Frames are
 * written and read by hand, not with Liaison's codec.
 */
final class MsrpRelayClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String relayUri;
    private final String path;
    private String usePath;

    MsrpRelayClient(int relayPort) throws IOException {
        socket = new Socket(SipClient.HOST, relayPort);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        relayUri = "msrp://" + SipClient.HOST + ":" + relayPort + ";tcp";
        path = "msrp://" + SipClient.HOST + ":" + socket.getLocalPort() + "/"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + ";tcp";
    }

    /** Our own MSRP URI, the last of our path. */
    String path() {
        return path;
    }

    /** The URI the relay gave us for this session (its Use-Path), once {@link #authenticate}d. */
    String usePath() {
        return usePath;
    }

    /**
     * AUTH (RFC 4976 §5): the relay challenges, we answer with {@code user}'s digest and get the
     * Use-Path our SDP path starts with.
     */
    void authenticate(String user, String password) throws IOException {
        write("MSRP auth0001 AUTH\r\nTo-Path: " + relayUri + "\r\nFrom-Path: " + path + "\r\n-------auth0001$\r\n");
        String challenge = read();
        assertThat(challenge).as("the relay's answer to an AUTH without credentials").startsWith("MSRP auth0001 401");
        String www = header(challenge, "WWW-Authenticate");
        String authorization = SipClient.authorization("AUTH", relayUri, param(www, "nonce"), param(www, "realm"), "MD5",
                user, password, 1);
        write("MSRP auth0002 AUTH\r\nTo-Path: " + relayUri + "\r\nFrom-Path: " + path + "\r\nAuthorization: " + authorization
                + "\r\n-------auth0002$\r\n");
        String ok = read();
        assertThat(ok).as("the relay's answer to an AUTH with credentials").startsWith("MSRP auth0002 200");
        assertThat(header(ok, "To-Path")).isEqualTo(path);
        usePath = header(ok, "Use-Path");
        assertThat(usePath).as("Use-Path in%n%s", ok).startsWith("msrp://").endsWith(";tcp");
        assertThat(header(ok, "Expires")).as("Expires in%n%s", ok).isNotNull();
    }

    /** The {@code a=path} of our SDP: the relay, then us (RFC 4976 §6.1). */
    String sdpPath() {
        return usePath + " " + path;
    }

    /** An SDP offer of an MSRP session at {@link #sdpPath()}. */
    String sdpOffer() {
        return "v=0\r\no=relayed 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + socket.getLocalPort() + " TCP/MSRP *\r\na=accept-types:text/plain message/cpim\r\n"
                + "a=path:" + sdpPath() + "\r\n";
    }

    /** A SEND to {@code toPath} (the relay first), from us; {@code body} null sends one without a body. */
    void send(String tid, String toPath, String messageId, String range, String contentType, byte[] body, char flag,
              String... extra) throws IOException {
        StringBuilder head = new StringBuilder("MSRP " + tid + " SEND\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + path + "\r\n"
                + "Message-ID: " + messageId + "\r\n");
        for (String line : extra) {
            head.append(line).append("\r\n");
        }
        head.append("Byte-Range: ").append(range).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n\r\n");
        }
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.write(body);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("-------" + tid + flag + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Answers a request {@code 200} (RFC 4975 §7.2): To-Path is the hop it came from, the first of its From-Path. */
    void ok(String request) throws IOException {
        String tid = request.substring(5, request.indexOf(' ', 5));
        write("MSRP " + tid + " 200 OK\r\nTo-Path: " + header(request, "From-Path").split(" ")[0] + "\r\nFrom-Path: " + path
                + "\r\n-------" + tid + "$\r\n");
    }

    /**
     * Reports that the message of {@code send} arrived whole (RFC 4975 §7.1.2): a REPORT back along
     * its From-Path, through the relay, with its Message-ID and Byte-Range and {@code 000 200 OK}.
     */
    void reportSuccess(String send) throws IOException {
        String tid = "rep" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        write("MSRP " + tid + " REPORT\r\nTo-Path: " + header(send, "From-Path") + "\r\nFrom-Path: " + path + "\r\nMessage-ID: "
                + header(send, "Message-ID") + "\r\nByte-Range: " + header(send, "Byte-Range") + "\r\nStatus: 000 200 OK\r\n-------"
                + tid + "$\r\n");
    }

    /** The next frame, whole (start line to end-line), or null once the relay closed the connection. */
    String read() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        String endLine = null;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return frame.size() == 0 ? null : frame.toString(StandardCharsets.UTF_8);
            }
            frame.write(b);
            if (b != '\n') {
                continue;
            }
            String text = frame.toString(StandardCharsets.UTF_8);
            if (endLine == null) {
                Matcher start = Pattern.compile("^MSRP (\\S+) [^\r]*\r\n").matcher(text);
                assertThat(start.find()).as("an MSRP start line: %s", text).isTrue();
                endLine = "\r\n-------" + start.group(1);
            }
            if (text.length() >= endLine.length() + 3 && text.startsWith(endLine, text.length() - endLine.length() - 3)
                    && "$+#".indexOf(text.charAt(text.length() - 3)) >= 0) {
                return text;
            }
        }
    }

    void write(String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String header(String frame, String name) {
        return MsrpPeer.header(frame, name);
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(header);
        assertThat(m.find()).as("%s in %s", name, header).isTrue();
        return m.group(1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

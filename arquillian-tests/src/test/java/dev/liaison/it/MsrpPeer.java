package dev.liaison.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passive end of MSRP sessions a test client answers (RFC 4975 §5.4): listens on a port of its
 * own, takes the connection the server makes, and answers every SEND {@code 200}, keeping each
 * chunk as it came. Written by hand, not with Liaison's codec.
 */
final class MsrpPeer implements AutoCloseable {

    private final ServerSocket server;
    private final String path;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    /** The connection the server made last, to send on it too (RFC 4975 §5.4). */
    private volatile OutputStream current;

    MsrpPeer() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getByName(SipClient.HOST));
        path = "msrp://" + SipClient.HOST + ":" + server.getLocalPort() + "/" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16) + ";tcp";
        acceptor = new Thread(this::serve, "msrp-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Our {@code a=path}. */
    String path() {
        return path;
    }

    /** The SDP answer to an MSRP offer: this peer's path. */
    String sdpAnswer() {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + server.getLocalPort() + " TCP/MSRP *\r\na=accept-types:message/cpim text/plain\r\n"
                + "a=path:" + path + "\r\n";
    }

    /** The SEND frames received so far, whole. */
    List<String> sends() {
        return frames.stream().filter(f -> f.matches("(?s)MSRP \\S+ SEND\r\n.*")).toList();
    }

    /** Every frame received so far, requests and responses, whole. */
    List<String> frames() {
        return List.copyOf(frames);
    }

    /** Writes {@code frame} on the connection the server made (a SEND or REPORT of ours). */
    synchronized void write(String frame) throws IOException {
        OutputStream out = current;
        if (out == null) {
            throw new IOException("no connection yet");
        }
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                current = out;
                String frame;
                while ((frame = read(in)) != null) {
                    frames.add(frame);
                    Matcher start = Pattern.compile("^MSRP (\\S+) SEND\r\n").matcher(frame);
                    if (start.find()) {
                        String tid = start.group(1);
                        synchronized (this) {
                            out.write(("MSRP " + tid + " 200 OK\r\nTo-Path: " + header(frame, "From-Path") + "\r\nFrom-Path: "
                                    + path + "\r\n-------" + tid + "$\r\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                }
            } catch (IOException e) {
                // the server closed the connection, or we were closed
            }
        }
    }

    static String header(String frame, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(frame);
        return m.find() ? m.group(1) : null;
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        String text;
        do {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            frame.write(b);
            text = frame.size() > 20 && (b == '\n') ? frame.toString(StandardCharsets.UTF_8) : "";
        } while (!text.matches("(?s)MSRP (\\S+) .*\r\n-------\\1[$+#]\r\n"));
        return text;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package dev.liaison.msrp.boundary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An MSRP peer that knows nothing of our codec: it writes frames typed by hand on a plain socket and
 * reads back whatever comes up to an end-line, so that an independent writer and reader check the
 * framing of the listener.
 */
final class RawMsrpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawMsrpClient(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    RawMsrpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A SEND of {@code body} as text/plain in one chunk, each line ended by CRLF as RFC 4975 wants. */
    static String send(String tid, String to, String from, String extraHeaders, String body) {
        return "MSRP " + tid + " SEND\r\n"
                + "To-Path: " + to + "\r\n"
                + "From-Path: " + from + "\r\n"
                + "Message-ID: " + tid + "m\r\n"
                + extraHeaders
                + "Byte-Range: 1-" + body.getBytes(StandardCharsets.UTF_8).length + "/"
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + body + "\r\n"
                + "-------" + tid + "$\r\n";
    }

    void write(String frame) throws IOException {
        write(frame.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame, read up to and including the end-line of its transaction. */
    String readFrame() throws IOException {
        String startLine = readLine();
        String tid = startLine.split(" ")[1];
        StringBuilder frame = new StringBuilder(startLine).append("\r\n");
        while (true) {
            String line = readLine();
            frame.append(line).append("\r\n");
            if (line.startsWith("-------" + tid) && line.length() == tid.length() + 8) {
                return frame.toString();
            }
        }
    }

    /** Whether the peer closed the connection within the socket timeout (nothing more to read). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // a reset is a close too
            return true;
        }
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed after " + line.size() + " bytes of a line");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package dev.liaison.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** An MSRP peer that writes frames by hand (RFC 4975 §7.1). */
final class RawMsrp implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawMsrp(String path) throws IOException {
        Matcher m = Pattern.compile("msrp://([^:/]+):(\\d+)/").matcher(path);
        assertThat(m.find()).as(path).isTrue();
        socket = new Socket(m.group(1), Integer.parseInt(m.group(2)));
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String tid, String to, String from, String messageId, String range, String contentType, byte[] body,
              char flag, String... extra) throws IOException {
        StringBuilder head = new StringBuilder("MSRP " + tid + " SEND\r\nTo-Path: " + to + "\r\nFrom-Path: " + from + "\r\n"
                + "Message-ID: " + messageId + "\r\nByte-Range: " + range + "\r\n");
        for (String line : extra) {
            head.append(line).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write(("\r\n-------" + tid + flag + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next frame, whole (start line to end-line). */
    String read() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        String text;
        do {
            int b = in.read();
            if (b < 0) {
                return frame.size() == 0 ? null : frame.toString(StandardCharsets.UTF_8);
            }
            frame.write(b);
            text = frame.toString(StandardCharsets.UTF_8);
        } while (!text.matches("(?s)MSRP (\\S+) .*\r\n-------\\1[$+#]\r\n"));
        return text;
    }

    /** Answers a request frame 200 (RFC 4975 §7.2): To-Path is its From-Path, From-Path ours. */
    void ok(String request, String ours) throws IOException {
        String tid = request.substring(5, request.indexOf(' ', 5));
        out.write(("MSRP " + tid + " 200 OK\r\nTo-Path: " + RawSip.header(request, "From-Path") + "\r\nFrom-Path: " + ours
                + "\r\n-------" + tid + "$\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

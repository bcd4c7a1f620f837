package dev.liaison.msrp.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes requests and responses as RFC 4975 §7.1 and §9 frame them: start line, To-Path and From-Path
 * first, then Message-ID, Success-Report, Failure-Report, Byte-Range, Status, the other headers in
 * their order, and Content-Type last, followed by the empty line, the body and CRLF; then the end-line.
 * A request with a body must say its Content-Type, and its body may not hold its own end-line.
 */
public final class MsrpEncoder extends MessageToByteEncoder<MsrpFrame> {

    private static final byte[] CRLF = {'\r', '\n'};

    public MsrpEncoder() {
        super(MsrpFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpFrame frame, ByteBuf out) {
        write(frame, out);
    }

    /** The bytes of one frame. */
    public static byte[] encode(MsrpFrame frame) {
        ByteBuf out = Unpooled.buffer();
        try {
            write(frame, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    public static void write(MsrpFrame frame, ByteBuf out) {
        if (frame instanceof MsrpRequest request) {
            writeRequest(request, out);
        } else if (frame instanceof MsrpResponse response) {
            writeResponse(response, out);
        }
    }

    private static void writeRequest(MsrpRequest r, ByteBuf out) {
        byte[] body = r.body();
        if (body.length > 0 && r.contentType() == null) {
            throw new IllegalArgumentException("A request with a body needs a Content-Type: " + r);
        }
        if (containsEndLine(body, r.transactionId())) {
            throw new IllegalArgumentException("The body holds the end-line of its transaction " + r.transactionId());
        }
        line(out, "MSRP " + r.transactionId() + " " + r.method());
        paths(out, r);
        header(out, "Message-ID", r.messageId());
        header(out, "Success-Report", r.successReport() == null ? null : r.successReport().format());
        header(out, "Failure-Report", r.failureReport() == null ? null : r.failureReport().format());
        header(out, "Byte-Range", r.byteRange() == null ? null : r.byteRange().format());
        header(out, "Status", r.status() == null ? null : r.status().format());
        r.headers().forEach(h -> header(out, h.name(), h.value()));
        if (r.contentType() != null) {
            header(out, "Content-Type", r.contentType());
            out.writeBytes(CRLF);
            out.writeBytes(body);
            out.writeBytes(CRLF);
        }
        endLine(out, r.transactionId(), r.continuation());
    }

    private static void writeResponse(MsrpResponse r, ByteBuf out) {
        line(out, "MSRP " + r.transactionId() + " " + String.format("%03d", r.code())
                + (r.comment() == null ? "" : " " + r.comment()));
        paths(out, r);
        r.headers().forEach(h -> header(out, h.name(), h.value()));
        endLine(out, r.transactionId(), Continuation.COMPLETE);
    }

    private static void paths(ByteBuf out, MsrpFrame frame) {
        header(out, "To-Path", format(frame.toPath()));
        header(out, "From-Path", format(frame.fromPath()));
    }

    private static String format(List<MsrpUri> path) {
        return path.stream().map(MsrpUri::format).collect(Collectors.joining(" "));
    }

    private static void header(ByteBuf out, String name, String value) {
        if (value != null) {
            line(out, name + ": " + value);
        }
    }

    private static void line(ByteBuf out, String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A header may not break its line: " + text);
        }
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    private static void endLine(ByteBuf out, String transactionId, Continuation continuation) {
        line(out, "-------" + transactionId + continuation.flag());
    }

    /** Whether a reader would find the end-line of {@code transactionId} inside {@code body}, before the real one. */
    static boolean containsEndLine(byte[] body, String transactionId) {
        byte[] endLine = ("\r\n-------" + transactionId + "$\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] stream = Arrays.copyOf(body, body.length + endLine.length);
        System.arraycopy(endLine, 0, stream, body.length, endLine.length);
        int delimiter = endLine.length - 3;
        outer:
        for (int i = 0; i < body.length; i++) {
            for (int j = 0; j < delimiter; j++) {
                if (stream[i + j] != endLine[j]) {
                    continue outer;
                }
            }
            if (Continuation.of(stream[i + delimiter]) != null && stream[i + delimiter + 1] == '\r'
                    && stream[i + delimiter + 2] == '\n') {
                return true;
            }
        }
        return false;
    }
}

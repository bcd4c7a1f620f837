package dev.liaison.msrp.control;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads MSRP frames (RFC 4975 §7.1, §9) into {@link MsrpRequest}s and {@link MsrpResponse}s, or one
 * {@link MsrpDecodeError}.
 *
 * <p>A frame is a start line ({@code MSRP <tid> <method>} or {@code MSRP <tid> <code> [comment]}),
 * header lines, for a request with a body an empty line, the body and CRLF, and the end-line
 * {@code -------<tid>} with its flag ({@code $}, {@code +} or {@code #}). The body may hold any
 * bytes, so its end is the first {@code CRLF -------<tid>} followed by a flag and CRLF; the scan
 * resumes where it stopped, so a large body arriving in small pieces is read once.
 *
 * <p>Bounded: the header block may not exceed {@link MsrpLimits#maxHeaderBytes()} ({@code 400}) and
 * a body {@link MsrpLimits#maxChunkBytes()} ({@code 413}), so a connection never holds more than a
 * chunk, its headers and an end-line. After an error the decoder discards whatever else arrives.
 */
public final class MsrpDecoder extends ByteToMessageDecoder {

    private static final String PROTOCOL = "MSRP";
    private static final String END_LINE_DASHES = "-------";

    private enum State { START_LINE, HEADERS, BODY, FAILED }

    private final MsrpLimits limits;
    private State state = State.START_LINE;
    private int headerBytes;
    private Frame frame;
    /** In BODY: bytes past the reader index known to hold no start of the end-line. */
    private int scanned;

    public MsrpDecoder(MsrpLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case START_LINE, HEADERS -> {
                    String line = readLine(in, out);
                    if (line == null) {
                        return;
                    }
                    if (state == State.START_LINE) {
                        startLine(line, out);
                    } else {
                        headerLine(line, out);
                    }
                }
                case BODY -> {
                    if (!readBody(in, out)) {
                        return;
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /** The next CRLF-terminated line of the header block without its CRLF, or null if it has not all arrived. */
    private String readLine(ByteBuf in, List<Object> out) {
        int room = limits.maxHeaderBytes() - headerBytes;
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + Math.min(room, in.readableBytes()), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() >= room) {
                fail(400, "Header block over " + limits.maxHeaderBytes() + " bytes", out, in);
            }
            return null;
        }
        int length = lf - in.readerIndex();
        if (length == 0 || in.getByte(lf - 1) != '\r') {
            fail(400, "Line not ended by CRLF", out, in);
            return null;
        }
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.nioBuffer(in.readerIndex(), length - 1)).toString();
        } catch (CharacterCodingException e) {
            fail(400, "Header not UTF-8", out, in);
            return null;
        }
        in.skipBytes(length + 1);
        headerBytes += length + 1;
        return line;
    }

    private void startLine(String line, List<Object> out) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3 || !parts[0].equals(PROTOCOL)) {
            fail(400, "Not an MSRP start line", out, null);
            return;
        }
        if (!Idents.isIdent(parts[1])) {
            fail(400, "Bad transaction id", out, null);
            return;
        }
        frame = new Frame(parts[1]);
        String third = parts[2];
        int space = third.indexOf(' ');
        String first = space < 0 ? third : third.substring(0, space);
        if (ReportStatus.threeDigits(first)) {
            frame.code = Integer.parseInt(first);
            frame.comment = space < 0 ? null : third.substring(space + 1);
        } else if (space < 0 && !third.isEmpty() && third.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            frame.method = third;
        } else {
            // a request, as far as anyone can tell, so it may be answered once its paths are read
            frame.method = "";
            fail(400, "Bad method or status", out, null);
            return;
        }
        state = State.HEADERS;
    }

    private void headerLine(String line, List<Object> out) {
        if (line.isEmpty()) {
            if (!frame.isRequest() || frame.contentType == null) {
                fail(400, "Body without Content-Type", out, null);
                return;
            }
            if (!frame.hasPaths()) {
                fail(400, "To-Path and From-Path required", out, null);
                return;
            }
            state = State.BODY;
            scanned = 0;
            return;
        }
        if (line.startsWith(END_LINE_DASHES)) {
            Continuation flag = endLineFlag(line);
            if (flag == null) {
                fail(400, "Bad end-line", out, null);
            } else if (!frame.hasPaths()) {
                fail(400, "To-Path and From-Path required", out, null);
            } else {
                emit(flag, null, out);
            }
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !isHeaderName(line.substring(0, colon))) {
            fail(400, "Bad header line", out, null);
            return;
        }
        String name = line.substring(0, colon);
        String value = line.substring(colon + 1).strip();
        try {
            if (!frame.header(name, value)) {
                fail(400, "Repeated header " + name, out, null);
            }
        } catch (IllegalArgumentException e) {
            fail(400, "Bad " + name + " header", out, null);
        }
    }

    private Continuation endLineFlag(String line) {
        String expected = END_LINE_DASHES + frame.transactionId;
        if (line.length() != expected.length() + 1 || !line.startsWith(expected)) {
            return null;
        }
        return Continuation.of(line.charAt(line.length() - 1));
    }

    private static boolean isHeaderName(String name) {
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
            return false;
        }
        return name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    /**
     * Looks for the end-line after the body; true if the frame was complete (or failed), false if
     * more bytes are needed.
     */
    private boolean readBody(ByteBuf in, List<Object> out) {
        byte[] delimiter = frame.delimiter();
        int endLineLength = delimiter.length + 3;
        int start = in.readerIndex();
        int end = in.writerIndex();
        int from = start + scanned;
        while (true) {
            int cr = in.indexOf(from, end, (byte) '\r');
            if (cr < 0) {
                scanned = end - start;
                break;
            }
            int match = endLineAt(in, cr, end, delimiter);
            if (match > 0) {
                int bodyLength = cr - start;
                if (bodyLength > limits.maxChunkBytes()) {
                    fail(413, "Chunk over " + limits.maxChunkBytes() + " bytes", out, in);
                    return true;
                }
                byte[] body = new byte[bodyLength];
                in.readBytes(body);
                Continuation flag = Continuation.of(in.getByte(cr + delimiter.length));
                in.skipBytes(endLineLength);
                emit(flag, body, out);
                return true;
            }
            if (match == 0) {
                // the start of an end-line, its rest still on the way
                scanned = cr - start;
                break;
            }
            from = cr + 1;
        }
        if (scanned > limits.maxChunkBytes()) {
            fail(413, "Chunk over " + limits.maxChunkBytes() + " bytes", out, in);
            return true;
        }
        return false;
    }

    /** 1 if the end-line starts at {@code cr}, 0 if what arrived so far could be its start, -1 if not. */
    private static int endLineAt(ByteBuf in, int cr, int end, byte[] delimiter) {
        int available = end - cr;
        int compare = Math.min(available, delimiter.length);
        for (int i = 0; i < compare; i++) {
            if (in.getByte(cr + i) != delimiter[i]) {
                return -1;
            }
        }
        if (available <= delimiter.length) {
            return 0;
        }
        if (Continuation.of(in.getByte(cr + delimiter.length)) == null) {
            return -1;
        }
        if (available > delimiter.length + 1 && in.getByte(cr + delimiter.length + 1) != '\r') {
            return -1;
        }
        if (available > delimiter.length + 2 && in.getByte(cr + delimiter.length + 2) != '\n') {
            return -1;
        }
        return available >= delimiter.length + 3 ? 1 : 0;
    }

    private void emit(Continuation flag, byte[] body, List<Object> out) {
        out.add(frame.build(flag, body));
        frame = null;
        headerBytes = 0;
        scanned = 0;
        state = State.START_LINE;
    }

    private void fail(int status, String reason, List<Object> out, ByteBuf in) {
        Frame f = frame;
        out.add(new MsrpDecodeError(status, reason, f == null ? null : f.transactionId,
                f == null ? List.of() : f.toPath, f == null ? List.of() : f.fromPath, f == null || f.isRequest()));
        state = State.FAILED;
        frame = null;
        if (in != null) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** The frame being read. */
    private static final class Frame {
        final String transactionId;
        String method;
        int code;
        String comment;
        List<MsrpUri> toPath = List.of();
        List<MsrpUri> fromPath = List.of();
        String messageId;
        ByteRange byteRange;
        SuccessReport successReport;
        FailureReport failureReport;
        String contentType;
        ReportStatus status;
        final List<Header> headers = new ArrayList<>();

        Frame(String transactionId) {
            this.transactionId = transactionId;
        }

        boolean isRequest() {
            return method != null;
        }

        boolean hasPaths() {
            return !toPath.isEmpty() && !fromPath.isEmpty();
        }

        byte[] delimiter() {
            return ("\r\n" + END_LINE_DASHES + transactionId).getBytes(StandardCharsets.US_ASCII);
        }

        /** Takes one header; false if it is one of MSRP's own and was already given. */
        boolean header(String name, String value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "to-path" -> {
                    if (!toPath.isEmpty()) {
                        return false;
                    }
                    toPath = uris(value);
                }
                case "from-path" -> {
                    if (!fromPath.isEmpty()) {
                        return false;
                    }
                    fromPath = uris(value);
                }
                case "message-id" -> {
                    if (messageId != null) {
                        return false;
                    }
                    if (!Idents.isIdent(value)) {
                        throw new IllegalArgumentException(value);
                    }
                    messageId = value;
                }
                case "byte-range" -> {
                    if (byteRange != null) {
                        return false;
                    }
                    byteRange = ByteRange.parse(value);
                }
                case "success-report" -> {
                    if (successReport != null) {
                        return false;
                    }
                    successReport = SuccessReport.parse(value);
                }
                case "failure-report" -> {
                    if (failureReport != null) {
                        return false;
                    }
                    failureReport = FailureReport.parse(value);
                }
                case "content-type" -> {
                    if (contentType != null) {
                        return false;
                    }
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException(value);
                    }
                    contentType = value;
                }
                case "status" -> {
                    if (status != null) {
                        return false;
                    }
                    status = ReportStatus.parse(value);
                }
                default -> headers.add(new Header(name, value));
            }
            return true;
        }

        private static List<MsrpUri> uris(String value) {
            List<MsrpUri> uris = new ArrayList<>();
            for (String part : value.split(" ")) {
                if (!part.isEmpty()) {
                    uris.add(MsrpUri.parse(part));
                }
            }
            if (uris.isEmpty()) {
                throw new IllegalArgumentException(value);
            }
            return uris;
        }

        MsrpFrame build(Continuation flag, byte[] body) {
            if (!isRequest()) {
                return new MsrpResponse(transactionId, code, comment, toPath, fromPath, headers);
            }
            return new MsrpRequest(transactionId, method, toPath, fromPath, messageId, byteRange, successReport,
                    failureReport, contentType, status, headers, body, flag);
        }
    }
}

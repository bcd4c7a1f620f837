package dev.liaison.msrp.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request (RFC 4975 §7.1): {@code MSRP <tid> <method>}, its paths, the headers MSRP defines, the
 * other headers in the order they came, and for a SEND one chunk of a message with the flag that
 * says whether more follow. The body is held as given, not copied.
 *
 * <p>Absent optional headers are null ({@code messageId}, {@code byteRange}, {@code successReport},
 * {@code failureReport}, {@code contentType}, {@code status}); the accessors ending in {@code OrDefault}
 * give the value RFC 4975 implies for them.
 */
public record MsrpRequest(String transactionId, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath,
                          String messageId, ByteRange byteRange, SuccessReport successReport,
                          FailureReport failureReport, String contentType, ReportStatus status,
                          List<Header> headers, byte[] body, Continuation continuation) implements MsrpFrame {

    public static final String SEND = "SEND";
    public static final String REPORT = "REPORT";
    public static final String AUTH = "AUTH";

    private static final byte[] NO_BODY = new byte[0];

    public MsrpRequest {
        if (!Idents.isIdent(transactionId)) {
            throw new IllegalArgumentException("Not a transaction id: " + transactionId);
        }
        if (method == null || method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("Not a method: " + method);
        }
        if (toPath.isEmpty() || fromPath.isEmpty()) {
            throw new IllegalArgumentException("A request names both paths");
        }
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
        body = body == null ? NO_BODY : body;
        Objects.requireNonNull(continuation, "continuation");
    }

    public static Builder builder(String transactionId, String method) {
        return new Builder(transactionId, method);
    }

    /** A builder holding everything of this request, to change a few fields of a copy. */
    public Builder toBuilder() {
        Builder b = new Builder(transactionId, method);
        b.toPath.addAll(toPath);
        b.fromPath.addAll(fromPath);
        b.messageId = messageId;
        b.byteRange = byteRange;
        b.successReport = successReport;
        b.failureReport = failureReport;
        b.contentType = contentType;
        b.status = status;
        b.headers.addAll(headers);
        b.body = body;
        b.continuation = continuation;
        return b;
    }

    public FailureReport failureReportOrDefault() {
        return failureReport == null ? FailureReport.YES : failureReport;
    }

    public SuccessReport successReportOrDefault() {
        return successReport == null ? SuccessReport.NO : successReport;
    }

    public ByteRange byteRangeOrDefault() {
        return byteRange == null ? ByteRange.WHOLE_UNKNOWN : byteRange;
    }

    @Override
    public String toString() {
        return "MSRP " + transactionId + " " + method + " Message-ID " + messageId + " Byte-Range " + byteRange
                + " (" + body.length + " bytes) " + continuation.flag();
    }

    /** Builds a request; transaction id, method, both paths and (the default) {@code $} are all it needs. */
    public static final class Builder {
        private String transactionId;
        private final String method;
        private final List<MsrpUri> toPath = new ArrayList<>();
        private final List<MsrpUri> fromPath = new ArrayList<>();
        private String messageId;
        private ByteRange byteRange;
        private SuccessReport successReport;
        private FailureReport failureReport;
        private String contentType;
        private ReportStatus status;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body;
        private Continuation continuation = Continuation.COMPLETE;

        private Builder(String transactionId, String method) {
            this.transactionId = transactionId;
            this.method = method;
        }

        public Builder transactionId(String value) {
            transactionId = value;
            return this;
        }

        public Builder toPath(List<MsrpUri> uris) {
            toPath.clear();
            toPath.addAll(uris);
            return this;
        }

        public Builder toPath(MsrpUri... uris) {
            return toPath(List.of(uris));
        }

        public Builder fromPath(List<MsrpUri> uris) {
            fromPath.clear();
            fromPath.addAll(uris);
            return this;
        }

        public Builder fromPath(MsrpUri... uris) {
            return fromPath(List.of(uris));
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder byteRange(ByteRange value) {
            byteRange = value;
            return this;
        }

        public Builder successReport(SuccessReport value) {
            successReport = value;
            return this;
        }

        public Builder failureReport(FailureReport value) {
            failureReport = value;
            return this;
        }

        public Builder contentType(String value) {
            contentType = value;
            return this;
        }

        public Builder status(ReportStatus value) {
            status = value;
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder body(byte[] value) {
            body = value;
            return this;
        }

        public Builder continuation(Continuation value) {
            continuation = value;
            return this;
        }

        public MsrpRequest build() {
            return new MsrpRequest(transactionId, method, toPath, fromPath, messageId, byteRange, successReport,
                    failureReport, contentType, status, headers, body, continuation);
        }
    }
}

package dev.liaison.msrp.control;

import java.util.Optional;

/**
 * Whether a request's verdict is sent as a transaction response (RFC 4975 §7.2, §7.1.2): a REPORT
 * is never answered; a SEND with {@code Failure-Report: no} gets no response at all, one with
 * {@code partial} only a negative one, one with {@code yes} (the default) every response. Other
 * methods are answered like a SEND.
 */
public final class TransactionResponses {

    private TransactionResponses() {
    }

    public static Optional<MsrpResponse> toSend(MsrpRequest request, MsrpSessions.Verdict verdict) {
        if (MsrpRequest.REPORT.equals(request.method())) {
            return Optional.empty();
        }
        boolean send = switch (request.failureReportOrDefault()) {
            case YES -> true;
            case PARTIAL -> verdict.code() != 200;
            case NO -> false;
        };
        return send ? Optional.of(MsrpResponse.answering(request, verdict.code(), verdict.comment())) : Optional.empty();
    }

    /** Whether the sender of {@code request} waits for a response to it. */
    public static boolean expectsResponse(MsrpRequest request) {
        return !MsrpRequest.REPORT.equals(request.method()) && request.failureReportOrDefault() == FailureReport.YES;
    }
}
